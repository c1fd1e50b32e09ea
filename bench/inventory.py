"""Benchmark: the inventory lists as users read them, against the bare app (issue #14).

Seeds --parts parts (with their stock totals) and --stock stock items straight into the default
tenant (bench/inventory_seed.py), starts `storeroom serve` and `bare_inventory.py` (raw ASGI, the
best SQL for the same answer) on the same database, checks that both answer the same bytes for a
sample of URLs, then loads each endpoint on both servers in alternating rounds (wrk, 8
connections, as bench/attachments.py does):

- parts and stock items at random offsets over the whole list, and under a common filter
  (`?category=`, `?location=`);
- a random 4-digit search term with `ordering=name`;
- a part's detail at a random id;
- the first and the last page, to compare what depth costs.

Targets: storeroom at >= 80 % of the bare app at random offsets; search + ordering >= 1,000
req/s on SQLite; the last page within 2x of the first.

Run: .venv/bin/python bench/inventory.py [--database sqlite|postgres] [--parts 100000]
     [--stock 1000000] [--seconds 5] [--rounds 3] [--keep DIR]; results also go to
     bench/results/inventory-<db>-<time>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from statistics import median

import inventory_seed
from attachment_list import load_rounds
from load import Target
from report import as_record, ratio, table, write_json
from same_bytes import fetch_samples, mismatches
from seed import fetch_token
from servers import bare_command, free_port, running, scratch_postgres, storeroom_command
from summary import peak_rss_mb
from summary import record as record_row

PAGE = 25


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--parts", type=int, default=100_000)
    parser.add_argument("--stock", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3, help="storeroom/bare pairs")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured load before each")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--only", default="", help="comma-separated endpoint names to load")
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="a data folder kept between runs, seeded once (seeding takes minutes); on "
        "PostgreSQL it names the kept database",
    )
    return parser.parse_args()


def targets(arguments: argparse.Namespace, token: str) -> dict[str, Target]:
    parts, stock = arguments.parts, arguments.stock
    in_category = parts // inventory_seed.CATEGORIES
    at_location = stock // inventory_seed.LOCATIONS
    return {
        "part-offset": Target("/api/part/?limit=25&offset=", parts // PAGE, PAGE, token),
        "part-category": Target(
            "/api/part/?limit=25&category=3&offset=", in_category // PAGE, PAGE, token
        ),
        "part-search": Target(
            "/api/part/?limit=25&ordering=name&search=", 10_000, 1, token, "%04d"
        ),
        "part-detail": Target("/api/part/", parts, 1, token, "%d/", 1),
        "part-first": Target("/api/part/?limit=25&offset=0", token=token),
        "part-last": Target(f"/api/part/?limit=25&offset={parts - PAGE}", token=token),
        "stock-offset": Target("/api/stock/?limit=25&offset=", stock // PAGE, PAGE, token),
        "stock-location": Target(
            "/api/stock/?limit=25&location=7&offset=", at_location // PAGE, PAGE, token
        ),
        "stock-first": Target("/api/stock/?limit=25&offset=0", token=token),
        "stock-last": Target(f"/api/stock/?limit=25&offset={stock - PAGE}", token=token),
    }


def sample_paths(arguments: argparse.Namespace) -> list[str]:
    parts, stock = arguments.parts, arguments.stock
    return [
        "/api/part/?limit=25&offset=0",
        f"/api/part/?limit=25&offset={parts // 2}",
        f"/api/part/?limit=25&offset={parts - 10}",
        "/api/part/?limit=25&category=3&offset=500",
        "/api/part/?limit=25&ordering=name&search=4242",
        "/api/part/?limit=25&ordering=name&search=0007",
        "/api/part/1/",
        f"/api/part/{parts}/",
        "/api/stock/?limit=25&offset=0",
        f"/api/stock/?limit=25&offset={stock // 2}",
        f"/api/stock/?limit=25&offset={stock - 10}",
        "/api/stock/?limit=25&location=7&offset=250",
    ]


def seed(url: str, folder: Path, arguments: argparse.Namespace) -> None:
    seeded = folder / f"seeded-{arguments.parts}-{arguments.stock}"
    if seeded.exists():
        return
    if url:
        asyncio.run(
            inventory_seed.seed_postgres(url, "acctdefault", arguments.parts, arguments.stock)
        )
    else:
        tenant = folder / "data" / "tenants" / "default.sqlite3"
        inventory_seed.seed_sqlite(tenant, arguments.parts, arguments.stock)
    if arguments.keep:
        seeded.touch()


def main() -> int:
    arguments = parse_arguments()
    with (
        tempfile.TemporaryDirectory(prefix="storeroom-inventory-") as temporary,
        ExitStack() as stack,
    ):
        folder = arguments.keep or Path(temporary)
        url = ""
        if arguments.database == "postgres":
            url = stack.enter_context(scratch_postgres(kept=folder if arguments.keep else None))
        folder.mkdir(parents=True, exist_ok=True)
        # A kept folder keeps its admin (created with the first run's password).
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
            part.replace("bare_app:app", "bare_inventory:app") for part in bare_command(bare_port)
        ]
        bare_env = {"BENCH_DATABASE_URL": url, "BENCH_DATA_DIR": str(folder / "data")}
        bare = stack.enter_context(running("bare", command, bare_env, bare_port, folder))
        servers = {"storeroom": storeroom, "bare": bare}
        host = storeroom.base_url.removeprefix("http://")
        paths = sample_paths(arguments)
        samples = {n: fetch_samples(s.base_url, host, token, paths) for n, s in servers.items()}
        different = mismatches(samples["storeroom"], samples["bare"])
        print(f"same bytes ({len(paths)} URLs): {'yes' if not different else 'NO'}")
        for line in different:
            print(f"  {line}")
        chosen = {
            name: target
            for name, target in targets(arguments, token).items()
            if not arguments.only or name in arguments.only.split(",")
        }
        measured = {
            name: load_rounds(servers, target, arguments) for name, target in chosen.items()
        }
        print(
            f"\n{arguments.database}, {arguments.parts:,} parts, {arguments.stock:,} stock items,"
            f" {arguments.rounds} x {arguments.seconds:g} s per server,"
            f" {arguments.connections} connections\n"
        )
        print(table(measured))
        for kind in ("part", "stock"):
            first, last = measured.get(f"{kind}-first"), measured.get(f"{kind}-last")
            if first and last:
                rate = median(r.requests_per_second for r in first["storeroom"]) / median(
                    r.requests_per_second for r in last["storeroom"]
                )
                print(f"{kind}: the last page costs {rate:.1f}x the first (storeroom)")
        record = {
            "arguments": vars(arguments),
            "same_bytes": not different,
            "byte_mismatches": different,
            "results": as_record(measured),
        }
        print(f"\nresults: {write_json(f'inventory-{arguments.database}', record)}")
        for name, rounds in measured.items():
            for server_name, server in servers.items():
                record_row(
                    f"inventory-{arguments.database}" if server_name == "storeroom" else "bare app",
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
