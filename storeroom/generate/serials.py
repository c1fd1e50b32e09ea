"""Serial number arithmetic: the trailing number of a serial decides its order and its successor."""

from __future__ import annotations

import re
from collections.abc import Iterable

TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


def trailing_number(serial: str) -> int | None:
    found = TRAILING_NUMBER.match(serial.strip())
    return int(found.group(2)) if found else None


def increment(serial: str) -> str:
    """The serial after `serial`, keeping its prefix and zero padding: `A-099` → `A-100`."""
    found = TRAILING_NUMBER.match(serial.strip())
    if found is None:
        return "1"
    prefix, digits = found.groups()
    return prefix + str(int(digits) + 1).zfill(len(digits))


def next_serials(taken: Iterable[str], quantity: int) -> list[str]:
    """`quantity` consecutive serials after the highest taken one (by trailing number); serials
    without a number do not count, and with none numbered the first serial is `1`."""
    taken_set = {serial.strip() for serial in taken}
    numbered = [serial for serial in taken_set if trailing_number(serial) is not None]
    current = max(numbered, key=lambda serial: trailing_number(serial) or 0) if numbered else "0"
    chosen: list[str] = []
    while len(chosen) < quantity:
        current = increment(current)
        if current not in taken_set:
            chosen.append(current)
    return chosen
