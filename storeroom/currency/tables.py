"""The exchange rates of a tenant: one row per currency, against the base currency of the time."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from storeroom.db.metadata import UTCDateTime, tenant_metadata


class DecimalText(sa.TypeDecorator[Decimal]):
    """A Decimal kept as its text. SQLite stores NUMERIC as a binary float; rates must come back
    exactly as they were computed, on both databases."""

    impl = sa.String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: sa.Dialect) -> str | None:
        return None if value is None else format(value, "f")

    def process_result_value(self, value: str | None, dialect: sa.Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


currency_rate_table = sa.Table(
    "currency_rate",
    tenant_metadata,
    sa.Column("currency", sa.String(3), primary_key=True),
    # Units of `currency` per one unit of `base_currency`.
    sa.Column("rate", DecimalText(), nullable=False),
    sa.Column("base_currency", sa.String(3), nullable=False),
    sa.Column("fetched", UTCDateTime(), nullable=False),
)
