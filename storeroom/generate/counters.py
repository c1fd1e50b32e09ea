"""The `counter` of batch code templates: 1, 2, 3... per tenant and per day.

Kept in this process's memory: it restarts at 1 when the server restarts, and each worker process
counts on its own (a stored counter would be needed for unique codes across workers and restarts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class DailyCounters:
    _counts: dict[tuple[str, date], int] = field(default_factory=dict)

    def next(self, account: str, day: date) -> int:
        # Yesterday's counters are of no further use.
        for key in [key for key in self._counts if key[1] != day]:
            del self._counts[key]
        count = self._counts.get((account, day), 0) + 1
        self._counts[(account, day)] = count
        return count
