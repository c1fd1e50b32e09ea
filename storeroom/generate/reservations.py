"""Serial numbers handed out but not yet used, so that concurrent requests never share one.

A generated serial is not stored until a stock item is created with it; until then this process
remembers it for `RESERVATION_SECONDS`, and one lock per tenant makes "read the serials in use, pick
the next, remember them" a single step. Both live in this process's memory: with several worker
processes, two workers could still hand out the same number (that needs a reservation table).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

RESERVATION_SECONDS = 600.0


@dataclass
class Reservations:
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)
    # (tenant, part) -> {serial: expiry on the monotonic clock}
    _held: dict[tuple[str, int], dict[str, float]] = field(default_factory=dict)

    def lock(self, account: str) -> asyncio.Lock:
        return self._locks.setdefault(account, asyncio.Lock())

    def held(self, account: str, parts: Iterable[int]) -> set[str]:
        """The serials still reserved for any of `parts`; expired reservations are dropped."""
        now = time.monotonic()
        found: set[str] = set()
        for part in parts:
            serials = self._held.get((account, part))
            if not serials:
                continue
            for serial, expiry in list(serials.items()):
                if expiry <= now:
                    del serials[serial]
                else:
                    found.add(serial)
        return found

    def hold(self, account: str, part: int, serials: Iterable[str]) -> None:
        expiry = time.monotonic() + RESERVATION_SECONDS
        self._held.setdefault((account, part), {}).update(dict.fromkeys(serials, expiry))
