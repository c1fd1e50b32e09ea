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
compiled SQL and that both answer the same bytes; then, endpoint by endpoint, it warms each server
up and loads it with wrk (one thread, a few connections, a random page per request, the same
sequence of pages for both). Deep offsets make the database, not the server, the cost (on SQLite
an offset of 50,000 costs ~35 ms), so pages are drawn from the first --max-offset rows.

Run: .venv/bin/python bench/error_report_list.py [--database sqlite|postgres] [--seconds 10]
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
from pathlib import Path
from typing import Any

from load import LoadResult, Target, find_wrk, measure
from report import as_record, closing_note, table, write_json
from same_bytes import fetch_samples, mismatches, sample_paths
from same_sql import differing_statements
from seed import fetch_token, seed_postgres, seed_sqlite
from servers import bare_command, free_port, running, scratch_postgres, storeroom_command

PAGE_SIZE = 25
COUNT_CACHE_SECONDS = "1.0"  # storeroom's default, set explicitly so both apps use the same


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=10.0, help="load per server and endpoint")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured load before each")
    parser.add_argument("--connections", type=int, default=8)
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
def database_url(database: str) -> Iterator[str]:
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


def main() -> int:
    arguments = parse_arguments()
    wrk = find_wrk(may_install=not arguments.no_install)
    password = secrets.token_urlsafe(12)
    measured: dict[str, dict[str, LoadResult]] = {}
    with tempfile.TemporaryDirectory(prefix="storeroom-bench-") as temporary, ExitStack() as stack:
        url = stack.enter_context(database_url(arguments.database))
        data_dir = Path(temporary) / "data"
        ports = {"storeroom": free_port(), "bare": free_port()}
        storeroom_env = {
            "STOREROOM_DATA_DIR": str(data_dir),
            "STOREROOM_ADMIN_USER": "admin",
            "STOREROOM_ADMIN_PASSWORD": password,
            "STOREROOM_LOG_LEVEL": "WARNING",
            "STOREROOM_DATABASE_URL": url,
            "STOREROOM_COUNT_CACHE_SECONDS": COUNT_CACHE_SECONDS,
        }
        bare_env = {
            "BENCH_DATA_DIR": str(data_dir),
            "BENCH_DATABASE_URL": url,
            "BENCH_COUNT_CACHE_SECONDS": COUNT_CACHE_SECONDS,
        }
        storeroom = stack.enter_context(
            running(
                "storeroom",
                storeroom_command(ports["storeroom"]),
                storeroom_env,
                ports["storeroom"],
                Path(temporary),
            )
        )
        seed(url, data_dir, arguments.rows)
        token = fetch_token(storeroom.base_url, "admin", password)
        bare = stack.enter_context(
            running("bare", bare_command(ports["bare"]), bare_env, ports["bare"], Path(temporary))
        )
        servers = {"storeroom": storeroom, "bare": bare}

        differing = differing_statements(url, data_dir)
        print(f"same SQL: {'yes' if not differing else 'NO, differs: ' + ', '.join(differing)}")
        paths = sample_paths(arguments.rows, PAGE_SIZE)
        host = f"127.0.0.1:{ports['storeroom']}"
        samples = {
            name: fetch_samples(server.base_url, host, token, paths)
            for name, server in servers.items()
        }
        different = mismatches(samples["storeroom"], samples["bare"])
        print(f"same bytes ({len(paths)} URLs): {'yes' if not different else 'NO'}")
        for line in different:
            print(f"  {line}")

        for endpoint, target in targets(token, arguments.rows, arguments.max_offset).items():
            measured[endpoint] = {}
            for name, server in servers.items():
                measure(
                    wrk,
                    server.base_url,
                    target,
                    arguments.warmup,
                    arguments.connections,
                    arguments.seed,
                )
                measured[endpoint][name] = measure(
                    wrk,
                    server.base_url,
                    target,
                    arguments.seconds,
                    arguments.connections,
                    arguments.seed,
                )
    print(
        f"\n{arguments.database}, {arguments.rows:,} rows, offsets in [0, {arguments.max_offset})"
        f", {arguments.seconds:g} s per run, {arguments.connections} connections, "
        f"{'wrk' if wrk else 'httpx'}\n"
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
    return 0 if not differing and not different else 1


if __name__ == "__main__":
    sys.exit(main())
