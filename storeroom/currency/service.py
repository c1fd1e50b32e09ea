"""A tenant's exchange rates: reading them, fetching new ones from the provider, storing them,
and converting money through them.

Before the first refresh a tenant has no rates: reading answers an empty map and no `updated`
time, and nothing is fetched on a read (a read never waits on, or fails with, the provider).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from moneyed import Money
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.currency.configuration import CurrencyConfig, read_config
from storeroom.currency.conversion import ARITHMETIC, rebase
from storeroom.currency.providers import provider_for
from storeroom.currency.tables import currency_rate_table
from storeroom.errors import Invalid, Unavailable
from storeroom.settings import Settings, SettingsError

table = currency_rate_table


@dataclass(frozen=True, slots=True)
class Rates:
    base_currency: str
    # Units of each currency per one unit of the base currency.
    rates: dict[str, Decimal]
    fetched: datetime | None


def currency_config(settings: Settings) -> CurrencyConfig:
    """The checked settings; a bad one answers 503 naming the setting and its value."""
    try:
        return read_config(settings)
    except SettingsError as error:
        raise Unavailable(f"Currency exchange is misconfigured: {error}.") from error


async def read_rates(connection: AsyncConnection, config: CurrencyConfig) -> Rates:
    """The stored rates of the configured currencies, against the configured base currency.

    Rates stored against another base (the setting changed since) are re-quoted when that
    currency is among them; otherwise the tenant has no usable rates until the next refresh."""
    rows = (await connection.execute(sa.select(table))).all()
    if not rows:
        return Rates(config.base_currency, {}, None)
    stored = {row.currency: row.rate for row in rows}
    if rows[0].base_currency != config.base_currency:
        if config.base_currency not in stored:
            return Rates(config.base_currency, {}, None)
        stored = rebase(stored, config.base_currency)
    wanted = {code: stored[code] for code in config.currency_codes if code in stored}
    return Rates(config.base_currency, wanted, max(row.fetched for row in rows))


async def fetch_rates(config: CurrencyConfig) -> dict[str, Decimal]:
    """New rates from the configured provider; nothing is stored here."""
    try:
        return await provider_for(config).fetch_rates(config.base_currency, config.currency_codes)
    except Unavailable as error:
        raise Unavailable(f"{error.message} The previous exchange rates are kept.") from error


async def store_rates(
    connection: AsyncConnection, config: CurrencyConfig, rates: dict[str, Decimal]
) -> Rates:
    """Replace the tenant's rates with `rates`, fetched now; answers them as `read_rates` does."""
    fetched = datetime.now(UTC)
    base = config.base_currency
    rows = [
        {"currency": code, "rate": rates[code], "base_currency": base, "fetched": fetched}
        for code in sorted(rates)
    ]
    await connection.execute(sa.delete(table).where(table.c.currency.not_in(sorted(rates))))
    # An upsert, in code order, so that two refreshes at once wait for each other instead of
    # failing on the primary key (PostgreSQL) or deadlocking.
    await connection.execute(upsert(connection.dialect.name, rows))
    return await read_rates(connection, config)


def upsert(dialect_name: str, rows: list[dict[str, Any]]) -> sa.Executable:
    insert = (postgresql.insert if dialect_name == "postgresql" else sqlite.insert)(table)
    statement = insert.values(rows)
    return statement.on_conflict_do_update(
        index_elements=[table.c.currency],
        set_={name: statement.excluded[name] for name in ("rate", "base_currency", "fetched")},
    )


def convert(amount: Money, currency: str, rates: Rates) -> Money:
    """`amount` in `currency`, through a tenant's rates, in decimal arithmetic."""
    source = amount.currency.code
    for code in (source, currency):
        if code not in rates.rates:
            raise Invalid.field("currency", f"There is no exchange rate for {code}.")
    in_base = ARITHMETIC.divide(amount.amount, rates.rates[source])
    return Money(ARITHMETIC.multiply(in_base, rates.rates[currency]), currency)
