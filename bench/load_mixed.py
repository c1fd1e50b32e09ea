"""Soak: a mixed read/write load on a multi-worker storeroom on PostgreSQL, for a bounded time.

Measured: throughput, p50/p99 latency (overall and per operation), errors (any answer other than
the operation's success status, or no answer; must be 0), and the server processes' total RSS,
sampled every --sample seconds (must be flat: the growth from the end of the first minute to the
end is printed).

How: a scratch PostgreSQL database (created here, dropped at the end) behind `storeroom serve
--workers N` on loopback; the API alone seeds categories, parts and stock items, then --connections
clients, each on its own keep-alive connection, run a weighted mixture of list, detail, create,
update and delete on parts, categories and stock items. Each client updates and deletes only what
it created, so that no answer depends on another client's timing.

Run: .venv/bin/python bench/load_mixed.py [--seconds 300] [--workers 2] [--connections 8];
     results also go to bench/results/load_mixed-<time>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from statistics import quantiles
from typing import Any

import httpx
from mixed_operations import SEED_PARTS, Client, Pools, Tally
from report import write_json
from seed import fetch_token
from servers import Server, free_port, scratch_postgres, storeroom_command, wait_ready
from summary import record

SEED_CATEGORIES = 20
SEED_STOCK = 600


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=300.0, help="length of the load")
    parser.add_argument("--workers", type=int, default=2, help="storeroom worker processes")
    parser.add_argument("--connections", type=int, default=8, help="concurrent clients")
    parser.add_argument("--sample", type=float, default=5.0, help="seconds between RSS samples")
    parser.add_argument("--seed", type=int, default=20240101)
    return parser.parse_args()


# Process tree and memory, read from /proc (Linux).
def process_tree(root: int) -> list[int]:
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except FileNotFoundError:
            continue
    return found


def rss_mb(root: int) -> float:
    total_kb = 0
    for pid in process_tree(root):
        try:
            lines = Path(f"/proc/{pid}/status").read_text().splitlines()
        except FileNotFoundError:
            continue
        total_kb += sum(int(line.split()[1]) for line in lines if line.startswith("VmRSS:"))
    return total_kb / 1024


async def seed(http: httpx.AsyncClient) -> Pools:
    """Categories, parts and stock items, made through the API."""

    async def make(path: str, body: dict[str, Any]) -> int:
        response = await http.post(path, json=body)
        response.raise_for_status()
        pk: int = response.json()["pk"]
        return pk

    async def make_all(path: str, bodies: list[dict[str, Any]]) -> list[int]:
        # Eight at a time: seeding 900 objects one by one would take longer than a short run.
        made: list[int] = []
        for start in range(0, len(bodies), 8):
            batch = bodies[start : start + 8]
            made += await asyncio.gather(*(make(path, body) for body in batch))
        return made

    categories = await make_all(
        "/api/part/category/", [{"name": f"seed-category-{n}"} for n in range(SEED_CATEGORIES)]
    )
    parts = await make_all(
        "/api/part/",
        [
            {"name": f"seed-part-{n}", "category": categories[n % SEED_CATEGORIES]}
            for n in range(SEED_PARTS)
        ],
    )
    stock = await make_all(
        "/api/stock/",
        [{"part": parts[n % SEED_PARTS], "quantity": n + 1} for n in range(SEED_STOCK)],
    )
    return Pools(categories, parts, stock)


async def sample_rss(root: int, every: float, until: float, samples: list[list[float]]) -> None:
    started = time.monotonic()
    while True:
        samples.append([round(time.monotonic() - started, 1), round(rss_mb(root), 1)])
        if time.monotonic() >= until:
            return
        await asyncio.sleep(min(every, max(0.0, until - time.monotonic())))


def percentile_ms(values: list[float], point: int) -> float:
    if len(values) < 2:
        return round(values[0] * 1000, 2) if values else 0.0
    return round(quantiles(values, n=100, method="inclusive")[point - 1] * 1000, 2)


async def load(server: Server, token: str, arguments: argparse.Namespace) -> dict[str, Any]:
    headers = {"Authorization": f"Token {token}"}
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=server.base_url, headers=headers, timeout=60) as http:
        pools = await seed(http)
    tally = Tally()
    samples: list[list[float]] = []
    clients = [
        httpx.AsyncClient(base_url=server.base_url, headers=headers, timeout=30, limits=limits)
        for _ in range(arguments.connections)
    ]
    started = time.monotonic()
    until = started + arguments.seconds
    try:
        await asyncio.gather(
            sample_rss(server.process.pid, arguments.sample, until, samples),
            *(
                Client(http, Pools(pools.categories, pools.parts, pools.stock), tally, rng).run(
                    until
                )
                for http, rng in zip(
                    clients,
                    (random.Random(arguments.seed + n) for n in range(len(clients))),
                    strict=True,
                )
            ),
        )
    finally:
        for http in clients:
            await http.aclose()
    return summarise(tally, samples, time.monotonic() - started, arguments)


def summarise(
    tally: Tally, samples: list[list[float]], elapsed: float, arguments: argparse.Namespace
) -> dict[str, Any]:
    everything = [value for values in tally.latencies.values() for value in values]
    requests = len(everything) + sum(tally.errors.values())
    # Flat means: what the processes hold at the end is what they held after the first minute
    # (or the first fifth of a shorter run), when pools and caches have filled.
    settled = min(60.0, arguments.seconds / 5)
    baseline = next((mb for at, mb in samples if at >= settled), samples[-1][1])
    return {
        "name": "load_mixed",
        "throughput": round(requests / elapsed, 1),
        "p50_ms": percentile_ms(everything, 50),
        "p99_ms": percentile_ms(everything, 99),
        "errors": sum(tally.errors.values()),
        "rss_mb_samples": samples,
        "peak_rss_mb": max(mb for _, mb in samples),
        "rss_growth_mb": round(samples[-1][1] - baseline, 1),
        "rss_baseline_at_s": settled,
        "requests": requests,
        "seconds": round(elapsed, 1),
        "operations": {
            operation: {
                "requests": len(values) + tally.errors.get(operation, 0),
                "p50_ms": percentile_ms(values, 50),
                "p99_ms": percentile_ms(values, 99),
                "errors": tally.errors.get(operation, 0),
            }
            for operation, values in sorted(tally.latencies.items())
        },
        "error_examples": tally.examples,
        "arguments": vars(arguments),
        "environment": {"python": sys.version, "platform": platform.platform()},
    }


def print_report(result: dict[str, Any]) -> None:
    print(f"\n{'operation':<18} {'requests':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for operation, figures in result["operations"].items():
        print(
            f"{operation:<18} {figures['requests']:>9} {figures['p50_ms']:>8} "
            f"{figures['p99_ms']:>8} {figures['errors']:>7}"
        )
    print(
        f"{'all':<18} {result['requests']:>9} {result['p50_ms']:>8} {result['p99_ms']:>8} "
        f"{result['errors']:>7}"
    )
    print(f"\nthroughput: {result['throughput']} requests/s over {result['seconds']} s")
    print(
        "server RSS (s: MB): " + ", ".join(f"{at:g}: {mb}" for at, mb in result["rss_mb_samples"])
    )
    print(
        f"peak RSS {result['peak_rss_mb']} MB; growth from {result['rss_baseline_at_s']:g} s to "
        f"the end: {result['rss_growth_mb']:+} MB"
    )
    for example in result["error_examples"]:
        print(f"error: {example}")


@contextmanager
def serving(command: list[str], env: dict[str, str], port: int, logs: Path) -> Iterator[Server]:
    """Like servers.running, with longer to become ready: N workers each import the app, and on
    a busy machine that alone can take a minute."""
    log = logs / "storeroom.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT
        )
    server = Server("storeroom", f"http://127.0.0.1:{port}", process, log)
    try:
        wait_ready(server, "/readyz", timeout=300)
        yield server
    finally:
        server.stop()


def main() -> int:
    arguments = parse_arguments()
    with (
        tempfile.TemporaryDirectory(prefix="storeroom-load-") as temporary,
        scratch_postgres() as url,
    ):
        password = secrets.token_urlsafe(12)
        env = {
            "STOREROOM_DATA_DIR": str(Path(temporary) / "data"),
            "STOREROOM_DATABASE_URL": url,
            "STOREROOM_ADMIN_USER": "admin",
            "STOREROOM_ADMIN_PASSWORD": password,
            "STOREROOM_LOG_LEVEL": "WARNING",
            "STOREROOM_CURRENCY_REFRESH_HOURS": "0",
        }
        port = free_port()
        command = [*storeroom_command(port), "--workers", str(arguments.workers)]
        with serving(command, env, port, Path(temporary)) as server:
            token = fetch_token(server.base_url, "admin", password)
            print(
                f"storeroom --workers {arguments.workers} on PostgreSQL, "
                f"{arguments.connections} connections, {arguments.seconds:g} s"
            )
            result = asyncio.run(load(server, token, arguments))
    print_report(result)
    print(f"\nresults: {write_json('load_mixed', result)}")
    record(
        "load_mixed",
        f"mixed read/write, {arguments.workers} workers, {arguments.connections} connections",
        result["throughput"],
        "req/s",
        p99_ms=result["p99_ms"],
        peak_rss_mb=result["peak_rss_mb"],
        note=f"errors {result['errors']}, RSS growth {result['rss_growth_mb']:+} MB",
    )
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
