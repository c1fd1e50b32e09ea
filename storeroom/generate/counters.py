"""The `counter` of batch code templates: 1, 2, 3... per tenant and per day, stored in the
tenant's database and counted up in one atomic statement, so that every worker process and every
restart continue the same count."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.generate.tables import batch_code_counter_table as counter


def count_up(dialect: str, day: date) -> sa.Executable:
    """INSERT the day's count of 1, or add one to it, returning the count (both databases)."""
    added = {"count": counter.c.count + 1}
    statement: Any
    if dialect == "postgresql":
        statement = postgresql.insert(counter).values(day=day, count=1)
    else:
        statement = sqlite.insert(counter).values(day=day, count=1)
    upsert: sa.Executable = statement.on_conflict_do_update(
        index_elements=[counter.c.day], set_=added
    ).returning(counter.c.count)
    return upsert


async def next_count(connection: AsyncConnection, day: date) -> int:
    # Earlier days' counts are of no further use.
    await connection.execute(sa.delete(counter).where(counter.c.day != day))
    found = await connection.execute(count_up(connection.dialect.name, day))
    return int(found.scalar_one())
