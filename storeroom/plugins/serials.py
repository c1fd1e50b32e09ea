"""The built-in `expand-serials` action: a serial-number expression turned into the serials.

People creating serialised stock type "1-5, 8, 10+2"; clients send it here to get the list to
create (and to show it before creating), in InvenTree's grammar:

    7       one serial; any text without separators is one ("A-12" too)
    1-5     the integers from 1 to 5; leading zeros are kept ("008-011": 008, 009, 010, 011)
    10+2    10 and the 2 after it: 10, 11, 12
    10+     from 10, as many as `quantity` still needs (one such group at most)

Groups are separated by commas or whitespace; a serial may appear once. With `quantity`, the count
must match it. Every problem of the expression is reported at once, under `serials`.
"""

from __future__ import annotations

import re
from typing import Any

from storeroom.errors import Invalid
from storeroom.plugins.interface import ActionContext

MAX_SERIALS = 1000
SEPARATORS = re.compile(r"[\s,]+")
RANGE = re.compile(r"^(\d+)-(\d+)$")
FOLLOWING = re.compile(r"^(\d+)\+(\d+)$")
OPEN_ENDED = re.compile(r"^(\d+)\+$")


class ExpandSerials:
    NAME = "expand-serials"

    async def perform(self, data: dict[str, Any], context: ActionContext) -> dict[str, Any]:
        text = data.get("serials")
        if not isinstance(text, str | int) or isinstance(text, bool):
            raise Invalid.field("serials", "This field is required.")
        serials = expand(str(text), read_quantity(data.get("quantity")))
        return {"serials": serials, "quantity": len(serials)}


def read_quantity(raw: Any) -> int | None:
    if raw is None or raw == "":
        return None
    try:
        quantity = int(raw)
    except (TypeError, ValueError):
        raise Invalid.field("quantity", "A valid integer is required.") from None
    if isinstance(raw, bool | float) or not 1 <= quantity <= MAX_SERIALS:
        raise Invalid.field("quantity", f"Enter a whole number from 1 to {MAX_SERIALS}.")
    return quantity


def expand(text: str, quantity: int | None) -> list[str]:
    groups = [group for group in SEPARATORS.split(text.strip()) if group]
    if not groups:
        raise Invalid.field("serials", "Empty serial number string.")
    problems: list[str] = []
    expanded = [expand_group(group, problems) for group in groups]
    open_ended = [index for index, found in enumerate(expanded) if found is None]
    if len(open_ended) > 1:
        problems.append("Only one open-ended group (like 10+) is allowed.")
    elif open_ended:
        index = open_ended[0]
        fixed = sum(len(found) for found in expanded if found is not None)
        if quantity is None:
            problems.append(f"{groups[index]} needs a quantity to know where to stop.")
        elif quantity <= fixed:
            problems.append(f"{groups[index]} adds nothing: the quantity is already reached.")
        else:
            expanded[index] = numbered(groups[index].rstrip("+"), quantity - fixed)
    serials = [serial for found in expanded if found is not None for serial in found]
    problems += duplicates(serials)
    if len(serials) > MAX_SERIALS:
        problems.append(f"At most {MAX_SERIALS} serial numbers at once.")
    elif quantity is not None and not problems and len(serials) != quantity:
        problems.append(
            f"Number of unique serial numbers ({len(serials)}) must match quantity ({quantity})."
        )
    if problems:
        raise Invalid({"serials": problems})
    return serials


def expand_group(group: str, problems: list[str]) -> list[str] | None:
    """The serials of one group; None for an open-ended one (filled in once the rest is known)."""
    if OPEN_ENDED.match(group):
        return None
    found = RANGE.match(group)
    if found:
        first, last = int(found[1]), int(found[2])
        count = last - first + 1
    else:
        found = FOLLOWING.match(group)
        if not found:
            return [group]
        count = int(found[2]) + 1
    if count < 1:
        problems.append(f"Invalid group range: {group}.")
        return []
    if count > MAX_SERIALS:
        problems.append(f"{group} has more than {MAX_SERIALS} serial numbers.")
        return []
    return numbered(found[1], count)


def numbered(start: str, count: int) -> list[str]:
    """`count` serials from `start` on, as wide as `start` when it has leading zeros."""
    width = len(start) if start.startswith("0") and len(start) > 1 else 0
    first = int(start)
    return [f"{value:0{width}d}" for value in range(first, first + count)]


def duplicates(serials: list[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for serial in serials:
        if serial in seen and serial not in repeated:
            repeated.append(serial)
        seen.add(serial)
    return [f"Duplicate serial number: {serial}." for serial in repeated]
