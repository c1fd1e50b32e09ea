"""Benchmark: the stock list with its nested objects, `GET /api/stock/?limit=25&part_detail=true
&location_detail=true`, against the bare app (issue #16).

Seeds --stock stock items over --parts parts straight into the default tenant
(bench/inventory_seed.py), starts `storeroom serve` and `stock_bare_details.py` (raw ASGI, the best
SQL for the same answer) on the same database, checks that both answer the same bytes for a sample
of pages, then loads random pages over the whole list and the first page on both servers in
alternating rounds (wrk, 8 connections). Target: storeroom at >= 80 % of the bare app.

Run: .venv/bin/python bench/stock_details.py [--database sqlite|postgres] [--stock 100000]
     [--parts 10000] [--seconds 5] [--rounds 3] [--keep DIR]; results also go to
     bench/results/stock-details-<db>-<time>.json.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from statistics import median

from attachment_list import load_rounds
from inventory import seed
from load import Target
from report import as_record, ratio, table, write_json
from same_bytes import fetch_samples, mismatches
from seed import fetch_token
from servers import bare_command, free_port, running, scratch_postgres, storeroom_command
from summary import peak_rss_mb
from summary import record as record_row

PAGE = 25
DETAILED = "/api/stock/?limit=25&part_detail=true&location_detail=true&offset="


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--parts", type=int, default=10_000)
    parser.add_argument("--stock", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3, help="storeroom/bare pairs")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured load before each")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="a data folder kept between runs (on PostgreSQL: it names the kept database)",
    )
    return parser.parse_args()


def main() -> int:
    arguments = parse_arguments()
    with (
        tempfile.TemporaryDirectory(prefix="storeroom-stock-details-") as temporary,
        ExitStack() as stack,
    ):
        folder = arguments.keep or Path(temporary)
        url = ""
        if arguments.database == "postgres":
            url = stack.enter_context(scratch_postgres(kept=folder if arguments.keep else None))
        folder.mkdir(parents=True, exist_ok=True)
        remembered = folder / "admin-password"
        password = remembered.read_text() if remembered.exists() else secrets.token_urlsafe(12)
        remembered.write_text(password)
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
        seed(url, folder, arguments)
        bare_port = free_port()
        command = [
            part.replace("bare_app:app", "stock_bare_details:app")
            for part in bare_command(bare_port)
        ]
        bare_env = {"BENCH_DATABASE_URL": url, "BENCH_DATA_DIR": str(folder / "data")}
        bare = stack.enter_context(running("bare", command, bare_env, bare_port, folder))
        servers = {"storeroom": storeroom, "bare": bare}
        host = storeroom.base_url.removeprefix("http://")
        stock = arguments.stock
        paths = [f"{DETAILED}{offset}" for offset in (0, PAGE, stock // 2, stock - 10)]
        samples = {n: fetch_samples(s.base_url, host, token, paths) for n, s in servers.items()}
        different = mismatches(samples["storeroom"], samples["bare"])
        print(f"same bytes ({len(paths)} URLs): {'yes' if not different else 'NO'}")
        for line in different:
            print(f"  {line}")
        chosen = {
            "stock-details-offset": Target(DETAILED, stock // PAGE, PAGE, token),
            "stock-details-first": Target(f"{DETAILED}0", token=token),
        }
        measured = {
            name: load_rounds(servers, target, arguments) for name, target in chosen.items()
        }
        print(
            f"\n{arguments.database}, {arguments.parts:,} parts, {stock:,} stock items,"
            f" {arguments.rounds} x {arguments.seconds:g} s per server,"
            f" {arguments.connections} connections\n"
        )
        print(table(measured))
        record = {
            "arguments": vars(arguments),
            "same_bytes": not different,
            "byte_mismatches": different,
            "results": as_record(measured),
        }
        print(f"\nresults: {write_json(f'stock-details-{arguments.database}', record)}")
        for name, rounds in measured.items():
            for server_name, server in servers.items():
                record_row(
                    f"stock-details-{arguments.database}"
                    if server_name == "storeroom"
                    else "bare app",
                    f"{name} ({arguments.database})",
                    median(r.requests_per_second for r in rounds[server_name]),
                    "req/s",
                    p99_ms=median(r.p99_ms for r in rounds[server_name]),
                    peak_rss_mb=peak_rss_mb(server.process.pid),
                    bare_ratio=ratio(rounds) if server_name == "storeroom" else 1.0,
                )
    return 0 if not different else 1


if __name__ == "__main__":
    sys.exit(main())
