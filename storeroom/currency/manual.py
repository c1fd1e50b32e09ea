"""Rates typed into the manual_rates setting, already quoted against the base currency."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class ManualProvider:
    rates: Mapping[str, Decimal]

    async def fetch_rates(self, base: str, codes: Sequence[str]) -> dict[str, Decimal]:
        found = {code: self.rates[code] for code in codes if code in self.rates}
        return {**found, base: Decimal(1)}
