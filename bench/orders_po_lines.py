"""Benchmark: `GET /api/order/po-line/?limit=25&part_detail=true` at random offsets over --lines
purchase order lines, storeroom next to the bare app (bench/bare_po_lines.py) in the same run.

Seeds a supplier, --lines // 100 parts and supplier parts, 100 orders, a location and the lines
(every tenth with the location as destination, every seventh without a price) straight into the
default tenant, starts `storeroom serve` and the bare app on the same database, checks that both
answer the same bytes for a sample of URLs, then loads the list on both in alternating rounds
(wrk, as bench/inventory.py does). Target: storeroom at >= 80 % of the bare app.

Run: .venv/bin/python bench/orders_po_lines.py [--database sqlite|postgres] [--lines 100000]
     [--seconds 5] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from statistics import median

import asyncpg
from attachment_list import load_rounds
from load import Target
from report import ratio, table
from same_bytes import fetch_samples, mismatches
from seed import fetch_token
from servers import bare_command, free_port, running, scratch_postgres, storeroom_command
from summary import peak_rss_mb
from summary import record as record_row

PAGE = 25
ORDERS = 100
PATH = "/api/order/po-line/?limit=25&part_detail=true&offset="


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3, help="storeroom/bare pairs")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured load before each")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seed", type=int, default=20240101)
    return parser.parse_args()


def tables(lines: int) -> list[tuple[str, tuple[str, ...], Iterator[tuple[object, ...]]]]:
    """(table, columns, rows) in insertion order."""
    parts = max(1, lines // 100)
    return [
        ("company", ("name", "currency", "is_supplier"), iter([("Bench supplier", "USD", True)])),
        (
            "stocklocation",
            ("name", "description", "pathstring", "level"),
            iter([("Goods in", "", "Goods in", 0)]),
        ),
        ("part", ("name", "IPN"), ((f"Part-{n:06d}", f"IPN{n:06d}") for n in range(1, parts + 1))),
        (
            "supplierpart",
            ("part", "supplier", "SKU"),
            ((n, 1, f"SKU-{n:06d}") for n in range(1, parts + 1)),
        ),
        (
            "purchaseorder",
            ("reference", "supplier", "status"),
            ((f"PO-{n:04d}", 1, 20) for n in range(1, ORDERS + 1)),
        ),
        (
            "purchaseorderlineitem",
            ("part", "quantity", "reference", "order", "received", "purchase_price", "destination"),
            (
                (
                    1 + n % parts,
                    float(1 + n % 50),
                    f"L{n}",
                    1 + n % ORDERS,
                    0.0,
                    None if n % 7 == 0 else 1.25 + n % 9,
                    1 if n % 10 == 0 else None,
                )
                for n in range(lines)
            ),
        ),
    ]


def seed_sqlite(tenant_file: Path, lines: int) -> None:
    connection = sqlite3.connect(tenant_file, timeout=60)
    try:
        with connection:
            for name, columns, rows in tables(lines):
                names = ", ".join(f'"{column}"' for column in columns)
                marks = ", ".join("?" * len(columns))
                # Table and column names are this module's constants.
                connection.executemany(f"INSERT INTO {name} ({names}) VALUES ({marks})", rows)  # noqa: S608
        connection.execute("ANALYZE")
    finally:
        connection.close()


async def seed_postgres(dsn: str, schema: str, lines: int) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        for name, columns, rows in tables(lines):
            await connection.copy_records_to_table(
                name, schema_name=schema, columns=columns, records=rows
            )
            await connection.execute(f'VACUUM ANALYZE "{schema}".{name}')
    finally:
        await connection.close()


def main() -> int:
    arguments = parse_arguments()
    lines = arguments.lines
    with (
        tempfile.TemporaryDirectory(prefix="storeroom-po-lines-") as temporary,
        ExitStack() as stack,
    ):
        url = stack.enter_context(scratch_postgres()) if arguments.database == "postgres" else ""
        folder, password = Path(temporary), secrets.token_urlsafe(12)
        env = {
            "STOREROOM_DATA_DIR": str(folder / "data"),
            "STOREROOM_DATABASE_URL": url,
            "STOREROOM_COUNT_CACHE_SECONDS": "1.0",
            "STOREROOM_ADMIN_USER": "admin",
            "STOREROOM_ADMIN_PASSWORD": password,
            "STOREROOM_LOG_LEVEL": "WARNING",
        }
        port = free_port()
        storeroom = stack.enter_context(
            running("storeroom", storeroom_command(port), env, port, folder)
        )
        token = fetch_token(storeroom.base_url, "admin", password)
        if url:
            asyncio.run(seed_postgres(url, "acctdefault", lines))
        else:
            seed_sqlite(folder / "data" / "tenants" / "default.sqlite3", lines)
        bare_port = free_port()
        command = [
            part.replace("bare_app:app", "bare_po_lines:app") for part in bare_command(bare_port)
        ]
        bare_env = {"BENCH_DATABASE_URL": url, "BENCH_DATA_DIR": str(folder / "data")}
        bare = stack.enter_context(running("bare", command, bare_env, bare_port, folder))
        servers = {"storeroom": storeroom, "bare": bare}
        host = storeroom.base_url.removeprefix("http://")
        offsets = (0, 10, 25, lines // 2, lines - PAGE, lines - 10)
        paths = [f"{PATH}{offset}" for offset in offsets]
        samples = {n: fetch_samples(s.base_url, host, token, paths) for n, s in servers.items()}
        different = mismatches(samples["storeroom"], samples["bare"])
        print(f"same bytes ({len(paths)} URLs): {'yes' if not different else 'NO'}")
        for line in different:
            print(f"  {line}")
        measured = {
            "po-line-offset": load_rounds(
                servers, Target(PATH, lines // PAGE, PAGE, token), arguments
            )
        }
        print(
            f"\n{arguments.database}, {lines:,} purchase order lines, {arguments.rounds} x "
            f"{arguments.seconds:g} s per server, {arguments.connections} connections\n"
        )
        print(table(measured))
        rounds = measured["po-line-offset"]
        for server_name, server in servers.items():
            record_row(
                f"po-lines-{arguments.database}" if server_name == "storeroom" else "bare app",
                f"GET {PATH}N ({lines:,} lines, {arguments.database})",
                median(r.requests_per_second for r in rounds[server_name]),
                "req/s",
                p99_ms=median(r.p99_ms for r in rounds[server_name]),
                peak_rss_mb=peak_rss_mb(server.process.pid),
                bare_ratio=ratio(rounds) if server_name == "storeroom" else 1.0,
            )
    return 0 if not different else 1


if __name__ == "__main__":
    sys.exit(main())
