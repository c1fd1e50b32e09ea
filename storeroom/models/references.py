"""Order and build references, as InvenTree's `ReferenceIndexingMixin` makes and checks them.

Each order type has a reference pattern, a Python format string such as `PO-{ref:04d}`: `{ref}`
is the order's number, `{date}` the moment it is made (`{date:%Y}`), and in the literal text
`?` stands for any one character and `#` for any digit. A create that leaves the reference out
gets the pattern filled with the number after the highest one in use; a reference given on
create or update must match the pattern (InvenTree's words when it does not). The number of a
reference is the `{ref}` part when the pattern matches, else its leading or trailing digits.
"""

from __future__ import annotations

import re
import string
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from storeroom.api.resource import CreateDefault
from storeroom.errors import Invalid
from storeroom.models.expressions import table
from storeroom.settings import Settings

# InvenTree's global settings PURCHASEORDER_REFERENCE_PATTERN, SALESORDER_REFERENCE_PATTERN,
# RETURNORDER_REFERENCE_PATTERN and BUILDORDER_REFERENCE_PATTERN, at their defaults. storeroom has
# no per-tenant settings store yet; when it has one, these become those settings' defaults.
PATTERNS = {
    "purchaseorder": "PO-{ref:04d}",
    "salesorder": "SO-{ref:04d}",
    "returnorder": "RMA-{ref:04d}",
    "build": "BO-{ref:04d}",
}

# The literal characters InvenTree escapes when it turns a pattern into a regular expression
# (`InvenTree.format.construct_format_regex`); `?` and `#` stay wildcards.
ESCAPED = "+-.{}()^$~!@:;|'\""
# Reference numbers are clipped to a 32-bit integer, as InvenTree's `extract_int` does.
LARGEST_NUMBER = 0x7FFFFFFF


def pattern_regex(pattern: str) -> str:
    regex = "^"
    for literal, name, spec, _ in string.Formatter().parse(pattern):
        for character in ESCAPED:
            literal = literal.replace(character, "\\" + character)
        regex += literal.replace("?", ".").replace("#", r"\d")
        if name:
            # A number format (`:04d`) takes digits, anything else any characters.
            allowed = r"\d" if (spec or "").endswith("d") else "."
            regex += f"(?P<{name}>{allowed}+)"
    return regex + "$"


def matches(reference: str, pattern: str) -> bool:
    return re.match(pattern_regex(pattern), reference) is not None


def leading_or_trailing_number(text: str) -> int:
    text = text.strip()
    found = re.match(r"^(\d+)", text) or re.search(r"(\d+)$", text)
    return min(int(found.group(1)), LARGEST_NUMBER) if found else 0


def reference_number(reference: str, pattern: str) -> int:
    """The number of a reference: its `{ref}` part, or its leading or trailing digits."""
    names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name}
    found = re.match(pattern_regex(pattern), reference) if "ref" in names else None
    return leading_or_trailing_number(found.group("ref") if found else reference)


class ReferenceFormatter(string.Formatter):
    """`{?:text}` writes `text` (InvenTree's wildcard-with-default syntax)."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if value == "?":
            return super().format_field(format_spec, "")
        return super().format_field(value, format_spec)


def next_reference(pattern: str, used: set[str], moment: datetime) -> str:
    """The pattern filled with the number after the highest in use (1 for the first), skipping
    any reference already taken."""
    number = max((reference_number(reference, pattern) for reference in used), default=0) + 1
    formatter = ReferenceFormatter()
    while True:
        reference = formatter.format(pattern, ref=number, date=moment, **{"?": "?"})
        if reference not in used:
            return reference
        number += 1


def generated_reference(model_type: str) -> CreateDefault:
    """The create default of a model's reference: the next one of its pattern."""

    async def generate(connection: Any, values: dict[str, Any], settings: Settings) -> str:
        # Every reference is read to find the highest number: InvenTree keeps that number in a
        # column of its own (`reference_int`); one column of the order table is read here.
        column = table(model_type).c.reference
        used = set((await connection.execute(sa.select(column))).scalars())
        return next_reference(PATTERNS[model_type], used, datetime.now())

    return generate


def reference_check(model_type: str) -> Any:
    """A `check_write` refusing a reference that does not match the model's pattern."""
    pattern = PATTERNS[model_type]

    async def check(connection: Any, values: dict[str, Any], pk: int | None) -> None:
        reference = values.get("reference")
        if reference is None:
            return
        if not reference.strip():
            raise Invalid.field("reference", "This field may not be blank.")
        if not matches(reference.strip(), pattern):
            raise Invalid.field("reference", f"Reference must match required pattern: {pattern}")

    return check
