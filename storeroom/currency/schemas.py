"""The body of both currency endpoints."""

from __future__ import annotations

from typing import Any

import msgspec

from storeroom.api.openapi_structs import Moment
from storeroom.currency.service import Rates


class CurrencyExchange(msgspec.Struct):
    """The tenant's rates: units of each currency per one unit of the base currency.

    `updated` (when they were fetched) is null, and the map empty, before the first refresh."""

    base_currency: str
    exchange_rates: dict[str, float]
    updated: Moment | None

    @classmethod
    def of(cls, rates: Rates) -> CurrencyExchange:
        # JSON numbers, as InvenTree sends them (its clients divide by them).
        exchange_rates = {code: float(rate) for code, rate in rates.rates.items()}
        return cls(rates.base_currency, exchange_rates, rates.fetched)

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = msgspec.to_builtins(self)
        return body
