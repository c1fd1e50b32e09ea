"""Benchmark: storeroom against a bare ASGI app doing the same work, in the same run.

Measured: requests/s, p50 and p99 latency of
  GET /api/error-report/?limit=25&offset=N   token auth, one page of 25 of 100,000 rows, the count
  GET /api/                                  the root document, anonymous (framework cost only)
on storeroom (`storeroom serve`, one uvicorn worker) and on `bare_app.py` (raw ASGI, same driver,
same SQL, msgspec, one uvicorn worker). The closing note gives storeroom's throughput as a share
of the bare app's; the target is 60 %.

How: a scratch database (a temporary data dir for SQLite, a fresh PostgreSQL database dropped at
the end) is migrated by storeroom, seeded with error reports by bulk insert, and both servers are
started side by side on loopback. The script checks that the bare app's SQL is storeroom's
compiled SQL and that both answer the same bytes; then, endpoint by endpoint and in --rounds
rounds, it warms each server up and loads it with wrk (one thread, a few connections, a random
page per request, the same sequence of pages for both), storeroom and bare back to back.
Deep offsets make the database, not the server, the cost (on SQLite an offset of 50,000 costs
~35 ms), so pages are drawn from the first --max-offset rows.

Run: .venv/bin/python bench/error_report_list.py [--database sqlite|postgres] [--seconds 10]
     [--rounds 3] [--max-offset 2500]; results also go to bench/results/<name>-<time>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

from load import LoadResult, Target, find_wrk, measure
from report import Measured, as_record, closing_note, ratio, table, write_json
from same_bytes import fetch_samples, mismatches, sample_paths
from same_sql import differing_statements
from seed import fetch_token, seed_postgres, seed_sqlite
from servers import (
    Server,
    bare_command,
    free_port,
    running,
    scratch_postgres,
    storeroom_command,
)
from summary import peak_rss_mb
from summary import record as record_row

PAGE_SIZE = 25
# Storeroom keeps a list's count this long (its default); the bare app is given the same, so both
# run the COUNT equally often.
COUNT_CACHE_SECONDS = "1.0"


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=10.0, help="load per server and endpoint")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured load before each")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="storeroom/bare pairs per endpoint")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--max-offset",
        type=int,
        default=2_500,
        help="offsets are drawn from [0, max-offset) in steps of the page size",
    )
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--no-install", action="store_true", help="never apt-get install wrk")
    return parser.parse_args()


@contextmanager
def scratch_database(database: str) -> Iterator[str]:
    if database == "sqlite":
        yield ""
    else:
        with scratch_postgres() as url:
            yield url


def seed(database_url: str, data_dir: Path, rows: int) -> None:
    if database_url:
        asyncio.run(seed_postgres(database_url, "acctdefault", rows))
    else:
        seed_sqlite(data_dir / "tenants" / "default.sqlite3", rows)


def targets(token: str, rows: int, max_offset: int) -> dict[str, Target]:
    pages = max(1, min(max_offset, rows) // PAGE_SIZE)
    return {
        f"GET /api/error-report/?limit={PAGE_SIZE}&offset=N": Target(
            f"/api/error-report/?limit={PAGE_SIZE}&offset=", pages, PAGE_SIZE, token
        ),
        "GET /api/": Target("/api/"),
    }


def environment(wrk: str | None) -> dict[str, Any]:
    version = (
        ""
        if wrk is None
        else subprocess.run(
            [wrk, "--version"], capture_output=True, text=True, check=False
        ).stdout.partition("\n")[0]
    )
    return {"python": sys.version, "platform": platform.platform(), "wrk": version}


@dataclass(frozen=True, slots=True)
class Setup:
    servers: dict[str, Server]
    token: str
    database_url: str
    data_dir: Path


def start_servers(stack: ExitStack, arguments: argparse.Namespace, temporary: Path) -> Setup:
    """Storeroom first (it migrates the scratch database), then the seed, then the bare app."""
    url = stack.enter_context(scratch_database(arguments.database))
    data_dir = temporary / "data"
    password = secrets.token_urlsafe(12)
    common = {
        "DATA_DIR": str(data_dir),
        "DATABASE_URL": url,
        "COUNT_CACHE_SECONDS": COUNT_CACHE_SECONDS,
    }
    storeroom_env = {f"STOREROOM_{key}": value for key, value in common.items()}
    storeroom_env |= {
        "STOREROOM_ADMIN_USER": "admin",
        "STOREROOM_ADMIN_PASSWORD": password,
        "STOREROOM_LOG_LEVEL": "WARNING",
    }
    port = free_port()
    storeroom = stack.enter_context(
        running("storeroom", storeroom_command(port), storeroom_env, port, temporary)
    )
    seed(url, data_dir, arguments.rows)
    token = fetch_token(storeroom.base_url, "admin", password)
    port = free_port()
    bare_env = {f"BENCH_{key}": value for key, value in common.items()}
    bare = stack.enter_context(running("bare", bare_command(port), bare_env, port, temporary))
    return Setup({"storeroom": storeroom, "bare": bare}, token, url, data_dir)


def check_equivalence(setup: Setup, rows: int) -> tuple[list[str], list[str]]:
    """The statements whose SQL differs, and the URLs whose answers differ (both empty: fair)."""
    differing = differing_statements(setup.database_url, setup.data_dir)
    print(f"same SQL: {'yes' if not differing else 'NO, differs: ' + ', '.join(differing)}")
    paths = sample_paths(rows, PAGE_SIZE)
    host = setup.servers["storeroom"].base_url.removeprefix("http://")
    samples = {
        name: fetch_samples(server.base_url, host, setup.token, paths)
        for name, server in setup.servers.items()
    }
    different = mismatches(samples["storeroom"], samples["bare"])
    print(f"same bytes ({len(paths)} URLs): {'yes' if not different else 'NO'}")
    for line in different:
        print(f"  {line}")
    return differing, different


def load_rounds(wrk: str | None, setup: Setup, arguments: argparse.Namespace) -> Measured:
    """Each endpoint, round after round; the server that goes first alternates between rounds."""
    measured: dict[str, dict[str, list[LoadResult]]] = {}
    for endpoint, target in targets(setup.token, arguments.rows, arguments.max_offset).items():
        measured[endpoint] = {name: [] for name in setup.servers}
        for number in range(arguments.rounds):
            order = list(setup.servers.items())
            for name, server in order if number % 2 == 0 else reversed(order):
                base_url, connections = server.base_url, arguments.connections
                measure(wrk, base_url, target, arguments.warmup, connections, arguments.seed)
                measured[endpoint][name].append(
                    measure(wrk, base_url, target, arguments.seconds, connections, arguments.seed)
                )
    return measured


def main() -> int:
    arguments = parse_arguments()
    wrk = find_wrk(may_install=not arguments.no_install)
    with tempfile.TemporaryDirectory(prefix="storeroom-bench-") as temporary, ExitStack() as stack:
        setup = start_servers(stack, arguments, Path(temporary))
        differing, different = check_equivalence(setup, arguments.rows)
        measured = load_rounds(wrk, setup, arguments)
        peaks = {name: peak_rss_mb(server.process.pid) for name, server in setup.servers.items()}
    print(
        f"\n{arguments.database}, {arguments.rows:,} rows, offsets in [0, {arguments.max_offset})"
        f", {arguments.rounds} x {arguments.seconds:g} s per server, {arguments.connections}"
        f" connections, {'wrk' if wrk else 'httpx'}\n"
    )
    print(table(measured))
    print("\n" + closing_note(measured))
    record = {
        "arguments": vars(arguments),
        "environment": environment(wrk),
        "same_sql": not differing,
        "same_bytes": not different,
        "byte_mismatches": different,
        "results": as_record(measured),
    }
    print(f"\nresults: {write_json(f'error_report_list-{arguments.database}', record)}")
    for endpoint, rounds in measured.items():
        for server in ("storeroom", "bare"):
            results = rounds[server]
            record_row(
                f"list-{arguments.database}" if server == "storeroom" else "bare app",
                f"{endpoint} ({arguments.database})",
                median(r.requests_per_second for r in results),
                "req/s",
                p99_ms=median(r.p99_ms for r in results),
                peak_rss_mb=peaks.get(server),
                bare_ratio=ratio(rounds) if server == "storeroom" else 1.0,
            )
    return 0 if not differing and not different else 1


if __name__ == "__main__":
    sys.exit(main())
