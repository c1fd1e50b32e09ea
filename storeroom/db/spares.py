"""Spare tenant schemas (PostgreSQL): empty schemas kept ready at the head revision.

Building a tenant's tables is ~100 DDL statements, several hundred milliseconds of catalog work in
PostgreSQL however they are sent. A spare built ahead of time becomes a tenant with one
`ALTER SCHEMA ... RENAME`: sequences and foreign keys follow the schema, as they refer to objects,
not names. Claims are serialised across processes by an advisory lock; a spare at another revision
(the code was upgraded since) is dropped, never claimed.
"""

from __future__ import annotations

import logging
import secrets

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.db.engines import Databases, schema_name
from storeroom.db.migrate import build_at_head, head_revision

SPARE_PREFIX = "storeroom_spare_"
# pg_advisory_xact_lock key for claiming and topping up spares (any fixed number of ours).
SPARE_LOCK = 0x5370_6172

logger = logging.getLogger("storeroom.tenancy")


async def spare_schemas(connection: AsyncConnection) -> list[str]:
    rows = await connection.execute(
        sa.text("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, :prefix)"),
        {"prefix": SPARE_PREFIX},
    )
    return sorted(row.nspname for row in rows)


async def revision_of(connection: AsyncConnection, schema: str) -> str | None:
    found = await connection.scalar(sa.text(f'SELECT version_num FROM "{schema}".alembic_version'))  # noqa: S608
    return str(found) if found is not None else None


async def claim_spare(databases: Databases, account: str) -> bool:
    """Turn a spare into `account`'s schema; False when there is none at head."""
    async with databases.platform.begin() as connection:
        await connection.execute(sa.select(sa.func.pg_advisory_xact_lock(SPARE_LOCK)))
        head = head_revision("tenant")
        for spare in await spare_schemas(connection):
            if await revision_of(connection, spare) != head:
                await connection.execute(sa.text(f'DROP SCHEMA "{spare}" CASCADE'))
                continue
            target = schema_name(account)
            await connection.execute(sa.text(f'ALTER SCHEMA "{spare}" RENAME TO "{target}"'))
            return True
    return False


async def top_up_spares(databases: Databases, wanted: int) -> int:
    """Build spares until `wanted` are ready; returns how many were built."""
    built = 0
    while True:
        async with databases.platform.begin() as connection:
            await connection.execute(sa.select(sa.func.pg_advisory_xact_lock(SPARE_LOCK)))
            if len(await spare_schemas(connection)) >= wanted:
                return built
        # Built outside the lock (it takes a while); a claimer may take it the moment it exists.
        async with databases.platform.begin() as connection:
            await build_at_head(connection, f"{SPARE_PREFIX}{secrets.token_hex(6)}")
        built += 1
