"""The two table collections: platform (tenants, users, tokens) and tenant (everything else).

Tenant tables carry the placeholder schema `tenant`, translated per connection to the tenant's
PostgreSQL schema (`acct<account>`) or to no schema at all in the tenant's own SQLite file.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

TENANT_SCHEMA = "tenant"
SCHEMA_PLACEHOLDER = f"__[SCHEMA_{TENANT_SCHEMA}]."

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

platform_metadata = sa.MetaData(naming_convention=NAMING)
tenant_metadata = sa.MetaData(schema=TENANT_SCHEMA, naming_convention=NAMING)


class UTCDateTime(sa.TypeDecorator[object]):
    """Timezone-aware datetimes on both databases (SQLite stores them naive, as UTC)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: object, dialect: sa.Dialect) -> object:
        if isinstance(value, datetime) and dialect.name == "sqlite":
            if value.tzinfo is not None:
                value = value.astimezone(UTC)
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: object, dialect: sa.Dialect) -> object:
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value
