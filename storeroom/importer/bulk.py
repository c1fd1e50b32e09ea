"""Bulk writes on the driver: COPY on PostgreSQL (asyncpg), executemany on SQLite, with the
column types' own bind processing. The ORM's per-row parameter handling costs more than the
insert itself at a million rows."""

from __future__ import annotations

from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

ROW_COLUMNS = ("session", "row_index", "row_data", "data", "errors", "valid", "complete")


# Values the sqlite3 driver stores as they are; only other types need the column's processor.
PLAIN_TYPES = (sa.Boolean, sa.Integer, sa.String, sa.Float)


def _is_json(column: sa.Column[Any]) -> bool:
    return isinstance(column.type, sa.JSON)


def _processor(column: sa.Column[Any], dialect: sa.Dialect) -> Any:
    kind = column.type
    if _is_json(column) or (isinstance(kind, PLAIN_TYPES) and not isinstance(kind, sa.Numeric)):
        return None
    return kind.dialect_impl(dialect).bind_processor(dialect)


async def copy_or_insert(
    connection: AsyncConnection,
    table: sa.Table,
    schema: str | None,
    names: list[str],
    records: list[tuple[Any, ...]],
) -> None:
    """Insert tuples of Python values (JSON columns already encoded as text) into `names`."""
    if not records:
        return
    if connection.dialect.name == "postgresql":
        raw = await connection.get_raw_connection()
        await raw.driver_connection.copy_records_to_table(  # type: ignore[union-attr]
            table.name, schema_name=schema, columns=names, records=records
        )
        return
    dialect = connection.dialect
    processors = [_processor(table.c[name], dialect) for name in names]
    if any(processors):
        records = [
            tuple(
                value if process is None or value is None else process(value)
                for process, value in zip(processors, record, strict=True)
            )
            for record in records
        ]
    prefix = f'"{schema}".' if schema else ""
    columns = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    await connection.exec_driver_sql(
        f'INSERT INTO {prefix}"{table.name}" ({columns}) VALUES ({marks})',  # noqa: S608
        records,
    )


async def insert_objects(
    connection: AsyncConnection, table: sa.Table, schema: str | None, objects: list[dict[str, Any]]
) -> None:
    """Objects as dicts of column values; every object gets the same columns (missing: NULL)."""
    names = sorted({name for values in objects for name in values})
    records = [tuple(map(values.get, names)) for values in objects]
    json_columns = [number for number, name in enumerate(names) if _is_json(table.c[name])]
    if json_columns:
        encode = msgspec.json.encode
        records = [
            tuple(
                encode(value).decode() if number in json_columns and value is not None else value
                for number, value in enumerate(record)
            )
            for record in records
        ]
    await copy_or_insert(connection, table, schema, names, records)
