"""Receiving a 1,000-line purchase order in one request, against a real `storeroom serve` process.

    .venv/bin/python bench/orders_receive.py [--lines 1000] [--database sqlite|postgres|both]

Creates a supplier, a part, a supplier part, a location and a placed order of `--lines` lines
through the API, then times one `POST /api/order/po/{id}/receive/` of every line and checks that
every line became a stock item at the location. Prints the receipt's seconds and the server's
peak RSS (VmHWM).
"""

from __future__ import annotations

import argparse
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


def created(client: httpx.Client, path: str, body: dict[str, object]) -> int:
    response = client.post(path, json=body)
    assert response.status_code == 201, response.text[:500]
    pk: int = response.json()["pk"]
    return pk


def prepare(client: httpx.Client, lines: int) -> tuple[int, list[int], int]:
    """A placed order of `lines` lines; (order, its lines, a location)."""
    supplier = created(client, "/api/company/", {"name": "Bench supplier", "is_supplier": True})
    part = created(client, "/api/part/", {"name": "Bench part", "purchaseable": True})
    supplier_part = created(
        client, "/api/company/part/", {"part": part, "supplier": supplier, "SKU": "BENCH"}
    )
    location = created(client, "/api/stock/location/", {"name": "Goods in"})
    order = created(client, "/api/order/po/", {"supplier": supplier})
    line_ids = [
        created(
            client,
            "/api/order/po-line/",
            {"order": order, "part": supplier_part, "quantity": 5, "purchase_price": "1.25"},
        )
        for _ in range(lines)
    ]
    client.post(f"/api/order/po/{order}/issue/").raise_for_status()
    return order, line_ids, location


def receive(base_url: str, password: str, lines: int) -> float:
    token = httpx.get(
        f"{base_url}/api/user/token/", params={"name": "bench"}, auth=("admin", password)
    ).json()["token"]
    headers = {"Authorization": f"Token {token}"}
    with httpx.Client(base_url=base_url, timeout=600, headers=headers) as client:
        order, line_ids, location = prepare(client, lines)
        body = {
            "items": [{"line_item": pk, "quantity": "5"} for pk in line_ids],
            "location": location,
        }
        start = time.perf_counter()
        response = client.post(f"/api/order/po/{order}/receive/", json=body)
        elapsed = time.perf_counter() - start
        assert response.status_code == 201, response.text[:500]
        stock = client.get("/api/stock/", params={"location": location, "limit": 1}).json()
        assert stock["count"] == lines, stock["count"]
        status = client.get(f"/api/order/po/{order}/").json()["status"]
        assert status == 30, status
    return elapsed


def run(database: str, lines: int, scratch: Path) -> None:
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
            elapsed = receive(server.base_url, password, lines)
            peak = peak_rss_mb(server.process.pid)
            print(
                f"{database}: receive {lines:,} lines in one request: {elapsed:.2f} s", flush=True
            )
            print(f"  server peak RSS {peak:,.0f} MB", flush=True)
            record(
                "orders",
                f"receive a {lines:,}-line purchase order ({database})",
                lines / elapsed,
                "lines/s",
                peak_rss_mb=peak,
                note=f"{elapsed:.2f} s",
            )

    if database == "postgres":
        with scratch_postgres() as url:
            measure(url)
    else:
        measure("")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    arguments = parser.parse_args()
    databases = ("sqlite", "postgres") if arguments.database == "both" else (arguments.database,)
    with tempfile.TemporaryDirectory(prefix="storeroom-orders-") as scratch:
        for database in databases:
            run(database, arguments.lines, Path(scratch))


if __name__ == "__main__":
    main()
