"""Where exchange rates come from: one interface, one class per source, chosen by a setting."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from storeroom.currency.configuration import CurrencyConfig
from storeroom.currency.ecb import EcbProvider
from storeroom.currency.manual import ManualProvider


class RateProvider(Protocol):
    async def fetch_rates(self, base: str, codes: Sequence[str]) -> dict[str, Decimal]:
        """Units of each of `codes` that the source knows per one unit of `base` (itself at 1);
        raises Unavailable, with a message for the user, when the source cannot answer."""
        ...


def provider_for(config: CurrencyConfig) -> RateProvider:
    """The source named by the currency_provider setting."""
    if config.provider == "manual":
        return ManualProvider(config.manual_rates)
    return EcbProvider(config.ecb_url)
