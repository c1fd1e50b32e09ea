"""InvenTree's serial number syntax (its extract_serial_numbers): serials separated by commas or
spaces, `10-15` a range, `~` the next free serial, `5+` as many from 5 on as are still wanted,
`5+3` three from 5 on. Every problem is reported, as a 400 on `serial_numbers`."""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.errors import Invalid
from storeroom.generate.serials import increment, next_serials
from storeroom.models.stock import STOCK_ITEM

SEPARATORS = re.compile(r"[\s,]+")
RANGE = re.compile(r"^(\d+)-(\d+)$")
COUNTED = re.compile(r"^(\d+)\+(\d*)$")
FIELD = "serial_numbers"
# One request makes at most this many serialized items (each is a row and a tracking entry).
MAX_SERIALS = 1000


def expand(group: str, wanted: int, next_free: str) -> tuple[list[str], str]:
    """The serials one group stands for, and the next free serial after them."""
    if group == "~":
        return [next_free], increment(next_free)
    ranged = RANGE.match(group)
    if ranged:
        first, last = int(ranged.group(1)), int(ranged.group(2))
        if first >= last or last - first >= MAX_SERIALS:
            raise ValueError(f"Invalid group range: {group}")
        width = len(ranged.group(1)) if ranged.group(1).startswith("0") else 0
        return [str(value).zfill(width) for value in range(first, last + 1)], next_free
    counted = COUNTED.match(group)
    if counted:
        start, count = counted.group(1), counted.group(2)
        total = int(count) if count else wanted
        if total <= 0 or total > MAX_SERIALS:
            raise ValueError(f"Invalid group: {group}")
        values = [start]
        while len(values) < total:
            values.append(increment(values[-1]))
        return values, next_free
    # Anything else is one serial as written ("A-12" included).
    return [group], next_free


def parse_serial_numbers(text: str, expected_quantity: int, next_free: str) -> list[str]:
    """The serials `text` names, exactly `expected_quantity` of them, each once."""
    groups = [group for group in SEPARATORS.split(text.strip()) if group]
    if not groups:
        raise Invalid.field(FIELD, "Empty serial number string")
    serials: list[str] = []
    errors: list[str] = []
    current = next_free
    for group in groups:
        try:
            found, current = expand(group, expected_quantity - len(serials), current)
        except ValueError as error:
            errors.append(str(error))
            continue
        for serial in found:
            if serial in serials:
                errors.append(f"Duplicate serial: {serial}")
            else:
                serials.append(serial)
    if not errors and len(serials) != expected_quantity:
        errors.append(
            f"Number of unique serial numbers ({len(serials)}) must match quantity "
            f"({expected_quantity})"
        )
    if errors:
        raise Invalid({FIELD: errors})
    return serials


async def family_serials(connection: AsyncConnection, family: Sequence[int]) -> set[str]:
    """The serials in use by any part of a variant family (serials are unique across it)."""
    items = STOCK_ITEM.table
    used = await connection.execute(
        sa.select(items.c.serial).where(
            items.c.part.in_(family), items.c.serial.is_not(None), items.c.serial != ""
        )
    )
    return {serial for (serial,) in used}


def next_free_serial(taken: set[str]) -> str:
    return next_serials(taken, 1)[0]


def refuse_taken(serials: Sequence[str], taken: set[str]) -> None:
    """A 400 naming every serial number already in use."""
    clashes = [serial for serial in serials if serial in taken]
    if clashes:
        raise Invalid.field(
            FIELD, "The following serial numbers already exist: " + ", ".join(clashes)
        )
