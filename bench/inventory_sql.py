"""The decorated page's SQL alone, before and after api/decorate.py (issue #14): the statement that
evaluates every field as declared over the chosen page, against the one storeroom compiles now, on
a seeded SQLite tenant file (bench/inventory.py --keep DIR seeds one), rows checked equal.

Run: .venv/bin/python bench/inventory_sql.py DIR/data/tenants/default.sqlite3 [repeat]
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite

import storeroom.app  # noqa: F401 (every model's table)
from storeroom.api.query import ListQuery, StatementCache
from storeroom.db.fastread import CompiledRead, compile_read
from storeroom.models.registry import BY_MODEL_TYPE

OFFSETS = (0, 50_000, 99_975)


def declared(cache: StatementCache, sort: str | None) -> CompiledRead:
    """The page joined to its table, every field evaluated as declared (the previous shape)."""
    table = cache.resource.table
    keys = [table.c[sort].label("sort_0")] if sort else []
    chosen = (
        sa.select(table.c.id, *keys)
        .order_by(*keys, table.c.id)
        .limit(sa.bindparam("limit"))
        .offset(sa.bindparam("offset"))
        .subquery("page")
    )
    order = [chosen.c.sort_0] if sort else []
    statement = (
        sa.select(*cache.columns)
        .select_from(chosen.join(table, table.c.id == chosen.c.id))
        .order_by(*order, chosen.c.id)
    )
    return compile_read(statement, cache.dialect)


def main() -> int:
    connection = sqlite3.connect(sys.argv[1])
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    dialect = sqlite.dialect(paramstyle="qmark")
    for model_type, sort in (("part", "name"), ("stockitem", None)):
        cache = StatementCache(BY_MODEL_TYPE[model_type], dialect)
        query = ListQuery(ordering=(sort,) if sort else ("pk",), limit=25)
        found = {}
        for label, compiled in (("before", declared(cache, sort)), ("after", cache.page(query))):
            sql = compiled.sql.replace("__[SCHEMA_tenant].", "")
            timings = []
            for offset in OFFSETS:
                arguments = compiled.arguments({"limit": 25, "offset": offset})
                runs = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    found[label, offset] = connection.execute(sql, arguments).fetchall()
                    runs.append(time.perf_counter() - start)
                # The median: the machine is shared, a mean takes in its stalls.
                timings.append(f"{statistics.median(runs) * 1000:.2f}")
            print(f"{model_type} {label}: offsets {OFFSETS}: {' / '.join(timings)} ms")
        same = all(found["before", offset] == found["after", offset] for offset in OFFSETS)
        print(f"{model_type}: same rows: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
