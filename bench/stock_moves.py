"""Stock movements against a real `storeroom serve` process (issue 16).

    .venv/bin/python bench/stock_moves.py [--items 1000] [--seconds 10] [--connections 8]
                                          [--database sqlite|postgres|both]

1. A transfer of `--items` stock items in one `POST /api/stock/transfer/`: seconds, then a check
   that every item is at the new location.
2. `--connections` clients each removing 1 from the same item, one request at a time, for
   `--seconds`: requests/s and p99 latency, then a check that the item's final quantity is its
   first quantity less the removes answered 201, and that its history's removals add up to it.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.import_workflow import peak_rss_mb
from bench.servers import free_port, running, scratch_postgres, storeroom_command
from bench.summary import record

FIRST_QUANTITY = 10_000_000


def created(client: httpx.Client, path: str, body: dict[str, object]) -> int:
    response = client.post(path, json=body)
    assert response.status_code == 201, response.text[:500]
    answer = response.json()
    pk: int = (answer[0] if isinstance(answer, list) else answer)["pk"]
    return pk


def token_for(base_url: str, password: str) -> str:
    response = httpx.get(
        f"{base_url}/api/user/token/", params={"name": "bench"}, auth=("admin", password)
    )
    token: str = response.json()["token"]
    return token


def transfer(client: httpx.Client, items: int) -> float:
    part = created(client, "/api/part/", {"name": "Bench part"})
    source = created(client, "/api/stock/location/", {"name": "Source"})
    target = created(client, "/api/stock/location/", {"name": "Target"})
    pks = [
        created(client, "/api/stock/", {"part": part, "quantity": 5, "location": source})
        for _ in range(items)
    ]
    body = {"items": [{"pk": pk, "quantity": 5} for pk in pks], "location": target}
    start = time.perf_counter()
    response = client.post("/api/stock/transfer/", json=body)
    elapsed = time.perf_counter() - start
    assert response.status_code == 201, response.text[:500]
    moved = client.get("/api/stock/", params={"location": target, "limit": 1}).json()
    assert moved["count"] == items, moved["count"]
    return elapsed


async def remover(
    base_url: str, headers: dict[str, str], item: int, until: float, latencies: list[float]
) -> int:
    body = {"items": [{"pk": item, "quantity": 1}]}
    done = 0
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=60) as client:
        while time.perf_counter() < until:
            start = time.perf_counter()
            response = await client.post("/api/stock/remove/", json=body)
            latencies.append(time.perf_counter() - start)
            assert response.status_code == 201, response.text[:300]
            done += 1
    return done


async def removes(
    base_url: str, headers: dict[str, str], item: int, seconds: float, connections: int
) -> tuple[int, list[float]]:
    latencies: list[float] = []
    until = time.perf_counter() + seconds
    counts = await asyncio.gather(
        *(remover(base_url, headers, item, until, latencies) for _ in range(connections))
    )
    return sum(counts), latencies


def check_removes(client: httpx.Client, item: int, done: int) -> None:
    quantity = client.get(f"/api/stock/{item}/").json()["quantity"]
    assert quantity == FIRST_QUANTITY - done, (quantity, FIRST_QUANTITY - done)
    removed = 0.0
    url: str | None = f"/api/stock/track/?item={item}&limit=1000"
    while url:
        page = client.get(url).json()
        removed += sum(entry["deltas"].get("removed", 0) for entry in page["results"])
        url = page["next"]
    assert removed == done, (removed, done)


def p99(latencies: list[float]) -> float:
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def run(database: str, arguments: argparse.Namespace, scratch: Path) -> None:
    password = secrets.token_urlsafe(12)
    port = free_port()
    env = {
        "STOREROOM_DATA_DIR": str(scratch / database),
        "STOREROOM_ADMIN_USER": "admin",
        "STOREROOM_ADMIN_PASSWORD": password,
        "STOREROOM_LOG_LEVEL": "WARNING",
        "STOREROOM_CURRENCY_REFRESH_HOURS": "0",
    }

    def measure(url: str) -> None:
        env["STOREROOM_DATABASE_URL"] = url
        with running("storeroom", storeroom_command(port), env, port, scratch) as server:
            headers = {"Authorization": f"Token {token_for(server.base_url, password)}"}
            with httpx.Client(base_url=server.base_url, timeout=600, headers=headers) as client:
                elapsed = transfer(client, arguments.items)
                part = created(client, "/api/part/", {"name": "Removed part"})
                item = created(client, "/api/stock/", {"part": part, "quantity": FIRST_QUANTITY})
                done, latencies = asyncio.run(
                    removes(
                        server.base_url, headers, item, arguments.seconds, arguments.connections
                    )
                )
                check_removes(client, item, done)
            peak = peak_rss_mb(server.process.pid)
        rate = done / arguments.seconds
        print(f"{database}: transfer {arguments.items:,} items in one request: {elapsed:.2f} s")
        print(
            f"{database}: {arguments.connections} connections of single removes: "
            f"{rate:,.0f} req/s, p99 {p99(latencies) * 1000:.1f} ms, quantities check out"
        )
        print(f"  server peak RSS {peak:,.0f} MB", flush=True)
        record(
            "stock",
            f"transfer {arguments.items:,} items in one request ({database})",
            arguments.items / elapsed,
            "items/s",
            peak_rss_mb=peak,
            note=f"{elapsed:.2f} s",
        )
        record(
            "stock",
            f"single-item removes, {arguments.connections} connections ({database})",
            rate,
            "req/s",
            peak_rss_mb=peak,
            note=f"p99 {p99(latencies) * 1000:.1f} ms",
        )

    if database == "postgres":
        with scratch_postgres() as url:
            measure(url)
    else:
        measure("")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    arguments = parser.parse_args()
    databases = ("sqlite", "postgres") if arguments.database == "both" else (arguments.database,)
    with tempfile.TemporaryDirectory(prefix="storeroom-stock-") as scratch:
        for database in databases:
            run(database, arguments, Path(scratch))


if __name__ == "__main__":
    main()
