"""The inventory benchmark's data: categories, locations, parts and stock items bulk-inserted
straight into the default tenant's tables (SQLite file or PostgreSQL schema), then ANALYZEd.

Parts are named `<word>-<number>` with a six-digit number, so that a random 4-digit search term
matches a few dozen parts in names and IPNs; stock items are spread evenly over the parts, so each
part's stock totals are sums over ~10 rows at 1,000,000 items and 100,000 parts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import asyncpg

WORDS = ("Resistor", "Capacitor", "Inductor", "Diode", "Bracket", "Screw", "Spring", "Washer")
CATEGORIES = 20
LOCATIONS = 50
START = datetime(2026, 1, 1, tzinfo=UTC)

TREE_COLUMNS = ("name", "description", "pathstring", "level")
PART_COLUMNS = ("name", "description", "IPN", "revision", "keywords", "category", "creation_date")
STOCK_COLUMNS = ("part", "quantity", "location", "batch", "status", "updated")


def tree_rows(prefix: str, count: int) -> Iterator[tuple[object, ...]]:
    for number in range(1, count + 1):
        name = f"{prefix} {number:02d}"
        yield name, f"{prefix} number {number}", name, 0


def part_rows(count: int) -> Iterator[tuple[object, ...]]:
    for number in range(1, count + 1):
        word = WORDS[number % len(WORDS)]
        yield (
            f"{word}-{number:06d}",
            f"{word} for the benchmark, lot {number % 997}",
            f"IPN{number:06d}",
            "",
            "bench",
            1 + number % CATEGORIES,
            date(2026, 1, 1) + timedelta(days=number % 300),
        )


def stock_rows(count: int, parts: int) -> Iterator[tuple[object, ...]]:
    for number in range(count):
        yield (
            1 + number % parts,
            float(1 + number % 100),
            1 + number % LOCATIONS,
            f"B{number % 5000:05d}",
            10,
            START + timedelta(seconds=number),
        )


def as_sqlite(row: Sequence[object]) -> tuple[object, ...]:
    """Dates as ISO text and datetimes as naive UTC text, as storeroom stores them in SQLite."""
    converted: list[object] = []
    for value in row:
        if isinstance(value, datetime):
            value = value.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
        elif isinstance(value, date):
            value = value.isoformat()
        converted.append(value)
    return tuple(converted)


def insert_sql(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(f'"{column}"' for column in columns)
    # Table and column names are this module's constants.
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608


def seed_sqlite(tenant_file: Path, parts: int, stock: int) -> None:
    connection = sqlite3.connect(tenant_file, timeout=60)
    try:
        with connection:
            connection.executemany(
                insert_sql("partcategory", TREE_COLUMNS), tree_rows("Category", CATEGORIES)
            )
            connection.executemany(
                insert_sql("stocklocation", TREE_COLUMNS), tree_rows("Location", LOCATIONS)
            )
            connection.executemany(
                insert_sql("part", PART_COLUMNS), (as_sqlite(row) for row in part_rows(parts))
            )
            connection.executemany(
                insert_sql("stockitem", STOCK_COLUMNS),
                (as_sqlite(row) for row in stock_rows(stock, parts)),
            )
        connection.execute("ANALYZE")
    finally:
        connection.close()


async def seed_postgres(dsn: str, schema: str, parts: int, stock: int) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        for table, columns, rows in (
            ("partcategory", TREE_COLUMNS, tree_rows("Category", CATEGORIES)),
            ("stocklocation", TREE_COLUMNS, tree_rows("Location", LOCATIONS)),
            ("part", PART_COLUMNS, part_rows(parts)),
            ("stockitem", STOCK_COLUMNS, stock_rows(stock, parts)),
        ):
            await connection.copy_records_to_table(
                table, schema_name=schema, columns=columns, records=rows
            )
        for table in ("partcategory", "stocklocation", "part", "stockitem"):
            await connection.execute(f'VACUUM ANALYZE "{schema}".{table}')
    finally:
        await connection.close()
