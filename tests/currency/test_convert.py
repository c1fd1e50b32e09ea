"""service.convert: money from one currency to another through a tenant's rates, in Decimal."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from moneyed import Money

from storeroom.currency.service import Rates, convert
from storeroom.errors import Invalid

RATES = Rates(
    "USD",
    {"USD": Decimal(1), "EUR": Decimal("0.9493070059"), "GBP": Decimal("0.7899658249")},
    datetime(2026, 11, 26, tzinfo=UTC),
)


def test_money_is_converted_through_the_base_currency() -> None:
    converted = convert(Money("100.00", "GBP"), "EUR", RATES)
    assert converted.currency.code == "EUR"
    assert converted.amount.quantize(Decimal("0.01")) == Decimal("120.17")


def test_converting_to_the_base_divides_by_the_rate() -> None:
    assert convert(Money("0.9493070059", "EUR"), "USD", RATES) == Money("1", "USD")


def test_a_currency_without_a_rate_is_invalid() -> None:
    with pytest.raises(Invalid, match="There is no exchange rate for JPY"):
        convert(Money("5", "JPY"), "USD", RATES)
