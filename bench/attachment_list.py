"""The attachment list against the bare app, for bench/attachments.py: seed --rows attachments,
start bare_attachments.py beside storeroom on the same database, check that both run the same SQL
and answer the same bytes, then load both in alternating rounds (as error_report_list.py does)
and report storeroom's throughput as a share of the bare app's (target: 60 %)."""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from statistics import median

import asyncpg
import bare_attachments
from load import LoadResult, Target, find_wrk, measure
from report import as_record, closing_note, ratio, table, write_json
from same_bytes import fetch_samples, mismatches
from servers import Server, bare_command, free_port, running
from summary import peak_rss_mb
from summary import record as record_row

from storeroom.api.query import ListQuery, StatementCache
from storeroom.attachments.resource import ATTACHMENT
from storeroom.db.engines import Databases
from storeroom.db.fastread import render_schema
from storeroom.settings import Settings

PAGE_SIZE = 25
USER_DETAIL = '{"pk": 1, "username": "admin", "first_name": "", "last_name": "", "email": ""}'
COLUMNS = (
    "model_type",
    "model_id",
    "storage_key",
    "filename",
    "link",
    "comment",
    "upload_date",
    "upload_user",
    "user_detail",
    "file_size",
    "content_type",
    "tags",
)

# Column names from the tuple above, not from any input.
INSERT_SQL = f"INSERT INTO attachment ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * 12)})"  # noqa: S608


def attachments(count: int) -> Iterator[tuple[object, ...]]:
    """Links, and every tenth a file (its download URL is built in SQL)."""
    for index in range(count):
        is_file = index % 10 == 0
        yield (
            "part",
            1 + index % 50,
            f"{index:032x}/drawing-{index}.pdf" if is_file else None,
            f"drawing-{index}.pdf" if is_file else "",
            None if is_file else f"https://example.com/datasheet/{index}.pdf",
            f"comment {index}",
            date(2026, 1, 1 + index % 28),
            1,
            USER_DETAIL,
            1000 + index if is_file else 0,
            "application/pdf" if is_file else "",
            '["bench", "list"]',
        )


def as_text(row: tuple[object, ...]) -> tuple[object, ...]:
    """SQLite stores a date as ISO text, as storeroom writes it."""
    return tuple(value.isoformat() if isinstance(value, date) else value for value in row)


def seed_sqlite(tenant_file: Path, count: int) -> None:
    connection = sqlite3.connect(tenant_file, timeout=30)
    try:
        with connection:
            connection.executemany(
                INSERT_SQL,
                (as_text(row) for row in attachments(count)),
            )
        connection.execute("ANALYZE")
    finally:
        connection.close()


async def seed_postgres(dsn: str, schema: str, count: int) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        await connection.copy_records_to_table(
            "attachment", schema_name=schema, columns=COLUMNS, records=list(attachments(count))
        )
        await connection.execute(f'ANALYZE "{schema}".attachment')
    finally:
        await connection.close()


def differing_statements(database_url: str, data_dir: Path) -> list[str]:
    """The statements (page, count) whose text differs between storeroom and the bare app."""
    databases = Databases(Settings(data_dir=data_dir, database_url=database_url))
    statements = StatementCache(ATTACHMENT, databases.platform.dialect)
    query = ListQuery(ordering=ATTACHMENT.default_ordering, limit=PAGE_SIZE, offset=0)
    schema = databases.schema_for("default")
    ours = {
        "page": render_schema(statements.page(query).sql, schema),
        "count": render_schema(statements.count(query).sql, schema),
    }
    theirs = bare_attachments.statements(database_url)
    return [name for name in ours if ours[name] != theirs[name]]


def sample_paths(rows: int) -> list[str]:
    page = f"/api/attachment/?limit={PAGE_SIZE}&offset="
    offsets = (0, PAGE_SIZE, rows // 2, rows - PAGE_SIZE, rows - PAGE_SIZE // 2)
    return [f"{page}{offset}" for offset in offsets]


def load_rounds(
    servers: dict[str, Server], target: Target, arguments: argparse.Namespace
) -> dict[str, list[LoadResult]]:
    wrk = find_wrk(may_install=True)
    measured: dict[str, list[LoadResult]] = {name: [] for name in servers}
    for number in range(arguments.rounds):
        order = list(servers.items())
        for name, server in order if number % 2 == 0 else reversed(order):
            connections = arguments.connections
            measure(wrk, server.base_url, target, arguments.warmup, connections, arguments.seed)
            measured[name].append(
                measure(
                    wrk, server.base_url, target, arguments.seconds, connections, arguments.seed
                )
            )
    return measured


def list_benchmark(
    stack: ExitStack,
    storeroom: Server,
    token: str,
    database: tuple[str, Path],
    arguments: argparse.Namespace,
) -> bool:
    """Seed, start the bare app, check SQL and bytes, load both; True when all checks held."""
    url, folder = database
    if url:
        asyncio.run(seed_postgres(url, "acctdefault", arguments.rows))
    else:
        seed_sqlite(folder / "data" / "tenants" / "default.sqlite3", arguments.rows)
    port = free_port()
    env = {
        "BENCH_DATABASE_URL": url,
        "BENCH_DATA_DIR": str(folder / "data"),
        "BENCH_COUNT_CACHE_SECONDS": "1.0",
    }
    command = [part.replace("bare_app:app", "bare_attachments:app") for part in bare_command(port)]
    bare = stack.enter_context(running("bare", command, env, port, folder))
    servers = {"storeroom": storeroom, "bare": bare}
    differing = differing_statements(url, folder / "data")
    print(f"same SQL: {'yes' if not differing else 'NO, differs: ' + ', '.join(differing)}")
    host = storeroom.base_url.removeprefix("http://")
    paths = sample_paths(arguments.rows)
    samples = {name: fetch_samples(s.base_url, host, token, paths) for name, s in servers.items()}
    different = mismatches(samples["storeroom"], samples["bare"])
    print(f"same bytes ({len(paths)} URLs): {'yes' if not different else 'NO'}")
    for line in different:
        print(f"  {line}")
    pages = max(1, min(arguments.max_offset, arguments.rows) // PAGE_SIZE)
    target = Target(f"/api/attachment/?limit={PAGE_SIZE}&offset=", pages, PAGE_SIZE, token)
    endpoint = f"GET /api/attachment/?limit={PAGE_SIZE}&offset=N"
    measured = {endpoint: load_rounds(servers, target, arguments)}
    print(
        f"\n{arguments.database}, {arguments.rows:,} attachments, offsets in"
        f" [0, {arguments.max_offset}), {arguments.rounds} x {arguments.seconds:g} s per server,"
        f" {arguments.connections} connections\n"
    )
    print(table(measured))
    print("\n" + closing_note(measured))
    record = {
        "arguments": vars(arguments),
        "same_sql": not differing,
        "same_bytes": not different,
        "byte_mismatches": different,
        "results": as_record(measured),
    }
    print(f"\nresults: {write_json(f'attachment_list-{arguments.database}', record)}")
    rounds = measured[endpoint]
    for name, server in servers.items():
        record_row(
            f"attachments-{arguments.database}" if name == "storeroom" else "bare app",
            f"{endpoint} ({arguments.rows:,} rows, {arguments.database})",
            median(r.requests_per_second for r in rounds[name]),
            "req/s",
            p99_ms=median(r.p99_ms for r in rounds[name]),
            peak_rss_mb=peak_rss_mb(server.process.pid),
            bare_ratio=ratio(rounds) if name == "storeroom" else 1.0,
        )
    return not differing and not different
