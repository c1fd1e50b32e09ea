"""Which of a chunk's unique keys the table already holds: one query per chunk, with the keys
as one bound value (a JSON array on SQLite, arrays on PostgreSQL). An IN list of thousands of
tuples costs more to expand than the query, and each length would be a new statement."""

from __future__ import annotations

from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncConnection

# Values that compare the same as JSON (SQLite) or in a typed array (PostgreSQL) as when bound
# one by one; keys with others (dates, decimals) take the IN list.
PLAIN = (str, int, float)
IN_LIST_KEYS = 500


async def existing_keys(
    connection: AsyncConnection, table: sa.Table, columns: list[str], keys: list[tuple[Any, ...]]
) -> set[tuple[Any, ...]]:
    selected = [table.c[column] for column in columns]
    plain = all(type(value) in PLAIN or type(value) is bool for key in keys for value in key)
    if not plain:
        return await _by_in_lists(connection, selected, keys)
    if connection.dialect.name == "postgresql":
        arrays = [
            sa.bindparam(None, [key[number] for key in keys], type_=postgresql.ARRAY(column.type))
            for number, column in enumerate(selected)
        ]
        names = [f"key{number}" for number in range(len(selected))]
        listed = sa.select(*sa.func.unnest(*arrays).table_valued(*names).render_derived().c)
    else:
        encoded = msgspec.json.encode([list(key) for key in keys]).decode()
        each = sa.func.json_each(sa.bindparam(None, encoded, type_=sa.Text)).table_valued("value")
        listed = sa.select(
            *(sa.func.json_extract(each.c.value, f"$[{number}]") for number in range(len(keys[0])))
        )
    condition = selected[0].in_(listed) if len(selected) == 1 else sa.tuple_(*selected).in_(listed)
    rows = await connection.execute(sa.select(*selected).where(condition))
    return {tuple(row) for row in rows}


async def _by_in_lists(
    connection: AsyncConnection, selected: list[sa.Column[Any]], keys: list[tuple[Any, ...]]
) -> set[tuple[Any, ...]]:
    found: set[tuple[Any, ...]] = set()
    for start in range(0, len(keys), IN_LIST_KEYS):
        batch = keys[start : start + IN_LIST_KEYS]
        condition = (
            selected[0].in_([key[0] for key in batch])
            if len(selected) == 1
            else sa.tuple_(*selected).in_(batch)
        )
        rows = await connection.execute(sa.select(*selected).where(condition))
        found.update(tuple(row) for row in rows)
    return found
