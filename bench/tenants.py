"""Benchmark: 1,000 tenants on PostgreSQL.

Measured, on one `storeroom serve` worker with the identity header enabled, in a scratch database:
  creating the tenants   wall time to create --tenants tenants by their first identity-header
                         request, one at a time, and `storeroom tenant create` on a small sample;
  new tenant ready       for --new brand-new accounts, one after another: the time from the first
                         request (GET /api/error-report/?limit=25 with the identity header) to its
                         200 answer, which includes creating and migrating the schema; target < 2 s;
  list throughput        req/s, p50 and p99 of GET /api/error-report/?limit=25 with every request
                         to one tenant ("single") and with each request's account drawn at random
                         from all the tenants ("spread"): same duration, concurrency and wrk script,
                         in --rounds alternating rounds; target spread/single >= 80 %. Also the
                         CPU per request of the server process and of the database's backends,
                         which a busy machine disturbs far less than req/s (`tenants_cpu.py`);
  where the time goes    with --py-spy PATH, one more load of each case and a few more new
                         tenants are sampled by py-spy (`tenants_profile.py`).
Each tenant holds --rows error reports, inserted straight into acct<account>.error_report.

Run: .venv/bin/python bench/tenants.py [--tenants 1000] [--seconds 10] [--rounds 3]
     [--connections 8] [--py-spy PATH]; the record goes to bench/results/tenants.json. The server
is the working tree's, or the checkout PYTHONPATH names (a `git archive` of a commit keeps a run
steady while the tree is being edited: a new tenant reads the migration files when it is made).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from statistics import median
from typing import Any

import httpx
from summary import peak_rss_mb
from summary import record as record_row
from tenants_cpu import measure_cpu
from tenants_create import Timings, create_by_cli, create_by_header, time_new_tenants
from tenants_load import Load, LoadResult
from tenants_profile import RESULTS_DIR, compare, costliest, milliseconds_per_request, record
from tenants_report import (
    CASES,
    Round,
    closing_note,
    load_table,
    rounds_record,
    spread_ratio,
    throughput,
    timings_table,
    write_json,
)
from tenants_setup import (
    COUNT_CACHE_SECONDS,
    LIST_PATH,
    Server,
    identity_header,
    scratch_database,
    seed_error_reports,
    server_environment,
    storeroom_server,
)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tenants", type=int, default=1000)
    parser.add_argument("--new", type=int, default=20, help="new tenants timed one by one")
    parser.add_argument("--cli-sample", type=int, default=3, help="tenants made by the CLI")
    # More than one in flight answers 500s today: two tenant migrations running at once in one
    # process share alembic's module-level `op` and `context` proxies.
    parser.add_argument("--create-concurrency", type=int, default=1)
    parser.add_argument("--rows", type=int, default=30, help="error reports per tenant")
    parser.add_argument("--seconds", type=float, default=10.0, help="load per case and round")
    parser.add_argument("--warmup", type=float, default=3.0, help="unmeasured load before each")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--no-install", action="store_true", help="never apt-get install wrk")
    parser.add_argument("--py-spy", default="", help="py-spy's path: profile both cases after")
    return parser.parse_args()


def find_wrk(may_install: bool) -> str | None:
    """wrk's path; installs it with apt-get when allowed and running as root."""
    found = shutil.which("wrk")
    if found or not may_install or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True, check=False)
    return shutil.which("wrk")


def check_pages(base_url: str, accounts: list[str], rows: int) -> None:
    """Every sampled tenant answers its own full page before anything is measured."""
    time.sleep(COUNT_CACHE_SECONDS + 0.2)
    with httpx.Client(base_url=base_url, timeout=30) as client:
        for account in accounts:
            response = client.get(LIST_PATH, headers={"x-rh-identity": identity_header(account)})
            body = response.json()
            if response.status_code != 200 or body["count"] != rows:
                raise RuntimeError(f"account {account}: {response.status_code} {body}")


def measure_lists(
    load: Load, server: Server, dsn: str, accounts: list[str], arguments: argparse.Namespace
) -> dict[str, list[Round]]:
    cases = {"single": accounts[:1], "spread": accounts}
    rounds: dict[str, list[Round]] = {case: [] for case in CASES}
    for number in range(arguments.rounds):
        for case in CASES:
            seed = arguments.seed + number
            load.run(case, cases[case], arguments.warmup, seed + 1000)
            work = partial(load.run, case, cases[case], arguments.seconds, seed)
            result, cpu = measure_cpu(server.process.pid, dsn, requests_of, work)
            rounds[case].append(Round(result, cpu))
            print(
                f"  round {number + 1} {case:<6} {result.requests_per_second:7.0f} req/s"
                f"  p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:6.2f} ms"
                f"  failed {result.failed}  CPU ms/request: server {cpu.server_ms:.2f}"
                f" database {cpu.database_ms:.2f}",
                flush=True,
            )
    return rounds


def requests_of(result: LoadResult) -> int:
    return result.requests


def profile(
    load: Load, pid: int, accounts: list[str], arguments: argparse.Namespace
) -> dict[str, Any]:
    """One more load of each case and a few more new tenants, sampled by py-spy: CPU ms per
    request (per new tenant) in each function."""
    costs: dict[str, dict[str, float]] = {}
    served: dict[str, LoadResult] = {}
    for case, chosen in (("single", accounts[:1]), ("spread", accounts)):
        stacks = RESULTS_DIR / f"tenants-profile-{case}.txt"
        work = partial(load.run, "profile", chosen, arguments.seconds, arguments.seed)
        served[case] = record(arguments.py_spy, pid, stacks, work)
        costs[case] = milliseconds_per_request(stacks, served[case].requests)
    print(compare(costs["single"], costs["spread"]))
    fresh = [str(400_000 + number) for number in range(arguments.new)]
    stacks = RESULTS_DIR / "tenants-profile-new.txt"
    record(
        arguments.py_spy, pid, stacks, lambda: asyncio.run(time_new_tenants(load.base_url, fresh))
    )
    costs["new tenant"] = milliseconds_per_request(stacks, len(fresh))
    print(costliest(costs["new tenant"]))
    return {
        "load": {case: result.as_dict() for case, result in served.items()},
        "sampled_ms_per_request": {case: top(ms, 40) for case, ms in costs.items()},
    }


def top(costs: dict[str, float], count: int) -> dict[str, float]:
    return dict(sorted(costs.items(), key=lambda item: -item[1])[:count])


def run(arguments: argparse.Namespace, wrk: str | None, scratch: Path) -> dict[str, Any]:
    tenants = [str(100_000 + number) for number in range(arguments.tenants)]
    fresh = [str(200_000 + number) for number in range(arguments.new)]
    by_cli = [str(300_000 + number) for number in range(arguments.cli_sample)]
    with scratch_database() as database_url:
        environment = server_environment(database_url, scratch / "data")
        with storeroom_server(environment, scratch) as server:
            print(f"storeroom on {server.base_url}, database {database_url}", flush=True)
            timings: list[Timings] = []
            if by_cli:
                timings.append(create_by_cli(environment, by_cli))
            print(f"creating {len(tenants)} tenants ...", flush=True)
            created = asyncio.run(
                create_by_header(server.base_url, tenants, arguments.create_concurrency)
            )
            ready = asyncio.run(time_new_tenants(server.base_url, fresh))
            timings += [created, ready]
            seed_seconds = asyncio.run(seed_error_reports(database_url, tenants, arguments.rows))
            check_pages(server.base_url, tenants[:: max(1, len(tenants) // 10)], arguments.rows)
            print(timings_table(timings), flush=True)
            print(f"seeded {arguments.rows} rows into each tenant in {seed_seconds:.1f} s")
            load = Load(server.base_url, scratch, arguments.connections, wrk)
            rounds = measure_lists(load, server, database_url, tenants, arguments)
            profiled = (
                profile(load, server.process.pid, tenants, arguments) if arguments.py_spy else {}
            )
            peak = peak_rss_mb(server.process.pid)
    print(load_table(rounds, len(tenants)))
    print(closing_note(rounds, ready, created, len(tenants)))
    for case in CASES:
        record_row(
            "tenants",
            f"list, {case} ({len(tenants)} tenants, postgres)",
            throughput(rounds, case),
            "req/s",
            p99_ms=median(r.load.p99_ms for r in rounds[case]),
            peak_rss_mb=peak,
            note=f"spread/single {spread_ratio(rounds):.0%}" if case == "spread" else "",
        )
    record_row(
        "tenants",
        "new tenant ready (first request)",
        1 / ready.median_seconds if ready.median_seconds else None,
        "tenants/s",
        note=f"median {ready.median_seconds * 1000:.0f} ms, max {ready.max_seconds * 1000:.0f} ms",
    )
    return {
        "benchmark": "tenants",
        "arguments": vars(arguments),
        "environment": {
            "python": sys.version,
            "platform": platform.platform(),
            "wrk": wrk,
            # A PYTHONPATH runs the server from another checkout than the working tree.
            "pythonpath": os.environ.get("PYTHONPATH", ""),
            "working_tree": arguments.working_tree,
        },
        "creation": [timing.as_dict() for timing in timings],
        "seed_seconds": seed_seconds,
        "list": rounds_record(rounds),
        "profile": profiled,
        "closing_note": closing_note(rounds, ready, created, len(tenants)),
    }


def source_commit() -> str:
    described = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=Path(__file__).resolve().parent,
        capture_output=True,
        text=True,
        check=False,
    )
    return described.stdout.strip()


def main() -> None:
    arguments = parse_arguments()
    # Read before the run: the tree may move on while it lasts.
    arguments.working_tree = source_commit()
    wrk = find_wrk(not arguments.no_install)
    print(f"load generator: {wrk or 'httpx (wrk not found)'}", flush=True)
    with tempfile.TemporaryDirectory(prefix="storeroom-tenants-") as scratch:
        record = run(arguments, wrk, Path(scratch))
    print(f"results: {write_json(record)}")


if __name__ == "__main__":
    main()
