"""Decimal arithmetic on exchange rates: re-quoting a set of rates against another currency."""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal

# Division runs at 28 digits; the result keeps 10 significant digits. The ECB quotes at most six,
# so a cross rate loses nothing a feed can tell, and each stored rate reads back the same.
ARITHMETIC = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN)
KEPT = decimal.Context(prec=10, rounding=decimal.ROUND_HALF_EVEN)


def rebase(rates: Mapping[str, Decimal], base: str) -> dict[str, Decimal]:
    """Rates quoted per one unit of some currency, re-quoted per one unit of `base` (among them)."""
    pivot = rates[base]
    return {
        code: KEPT.create_decimal(ARITHMETIC.divide(rate, pivot)) for code, rate in rates.items()
    }
