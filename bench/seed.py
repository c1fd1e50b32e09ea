"""The benchmark's data: error reports bulk-inserted straight into the default tenant's table,
and an API token for the admin.

Rows get distinct `when` values, half of them with microseconds, so that pages are stable and
both encodings of a datetime (with and without a fraction) are compared byte for byte.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx

START = datetime(2024, 1, 1, tzinfo=UTC)
TRACEBACK = (
    "Traceback (most recent call last):\n"
    '  File "/srv/storeroom/api/routes.py", line 120, in list_objects\n'
    "    objects, count = await crud.list_page(context, tenant, resource, query)\n"
    "ValueError: benchmark failure {number}\n"
)
Report = tuple[datetime, str, str, str]


def error_reports(count: int) -> Iterator[Report]:
    for number in range(count):
        fraction = (number * 7919) % 1_000_000 if number % 2 else 0
        when = START + timedelta(seconds=number, microseconds=fraction)
        info = f"ValueError: benchmark failure {number}"
        yield when, info, TRACEBACK.format(number=number), f"/api/part/{number % 1000}/"


def seed_sqlite(tenant_file: Path, count: int) -> None:
    # SQLAlchemy stores SQLite datetimes as naive UTC text in this format.
    rows = (
        (when.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f"), info, trace, path)
        for when, info, trace, path in error_reports(count)
    )
    connection = sqlite3.connect(tenant_file, timeout=30)
    try:
        with connection:
            connection.executemany(
                'INSERT INTO error_report ("when", info, data, path) VALUES (?, ?, ?, ?)', rows
            )
        connection.execute("ANALYZE")
    finally:
        connection.close()


async def seed_postgres(dsn: str, schema: str, count: int) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        await connection.copy_records_to_table(
            "error_report",
            schema_name=schema,
            columns=["when", "info", "data", "path"],
            records=list(error_reports(count)),
        )
        await connection.execute(f'ANALYZE "{schema}".error_report')
    finally:
        await connection.close()


def fetch_token(base_url: str, username: str, password: str) -> str:
    """A token from GET /api/user/token/, asked for with HTTP Basic."""
    response = httpx.get(
        f"{base_url}/api/user/token/?name=bench", auth=(username, password), timeout=30
    )
    response.raise_for_status()
    token: str = response.json()["token"]
    return token
