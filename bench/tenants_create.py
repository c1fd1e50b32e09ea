"""Creating tenants, and how long a new one takes to be ready.

A tenant appears on the first request that names its account in the identity header: the server
creates the schema `acct<account>`, migrates it, records the tenant and the user, then answers the
list. "Ready" is the wall time of that first request, from sending it to its 200 answer. Bulk
creation sends those first requests a few at a time; `storeroom tenant create` is timed on a small
sample for comparison (each call is a new process that starts Python and migrates one schema).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

import httpx
from tenants_setup import LIST_PATH, VENV_BIN, identity_header


@dataclass(frozen=True, slots=True)
class Timings:
    """Seconds per tenant, and the wall time of the whole batch."""

    what: str
    count: int
    wall_seconds: float
    median_seconds: float
    max_seconds: float

    @classmethod
    def of(cls, what: str, seconds: Sequence[float], wall: float) -> Timings:
        return cls(what, len(seconds), wall, median(seconds), max(seconds))

    def as_dict(self) -> dict[str, object]:
        return {
            "what": self.what,
            "count": self.count,
            "wall_seconds": round(self.wall_seconds, 3),
            "median_ms": round(self.median_seconds * 1000, 1),
            "max_ms": round(self.max_seconds * 1000, 1),
        }


async def first_request(client: httpx.AsyncClient, account: str) -> float:
    """Seconds from sending a new account's first list request to its 200 answer."""
    began = time.perf_counter()
    response = await client.get(LIST_PATH, headers={"x-rh-identity": identity_header(account)})
    elapsed = time.perf_counter() - began
    if response.status_code != 200:
        raise RuntimeError(f"account {account}: {response.status_code} {response.text[:300]}")
    return elapsed


async def create_by_header(base_url: str, accounts: Sequence[str], concurrency: int) -> Timings:
    """Create the tenants by their first request, `concurrency` requests in flight."""
    pending = iter(accounts)
    seconds: list[float] = []

    async def worker(client: httpx.AsyncClient) -> None:
        for account in pending:
            seconds.append(await first_request(client, account))

    async with httpx.AsyncClient(base_url=base_url, timeout=120) as client:
        began = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - began
    return Timings.of(f"create by identity header, {concurrency} at a time", seconds, wall)


async def time_new_tenants(base_url: str, accounts: Sequence[str]) -> Timings:
    """New tenants one after another on an otherwise idle server."""
    seconds = []
    async with httpx.AsyncClient(base_url=base_url, timeout=120) as client:
        began = time.perf_counter()
        for account in accounts:
            seconds.append(await first_request(client, account))
        wall = time.perf_counter() - began
    return Timings.of("new tenant ready (first request -> 200)", seconds, wall)


def create_by_cli(environment: dict[str, str], accounts: Sequence[str]) -> Timings:
    """`storeroom tenant create` once per account, as an operator would script it."""
    seconds = []
    began = time.perf_counter()
    for account in accounts:
        started = time.perf_counter()
        subprocess.run(
            [str(VENV_BIN / "storeroom"), "tenant", "create", account],
            env={**os.environ, **environment},
            capture_output=True,
            check=True,
        )
        seconds.append(time.perf_counter() - started)
    return Timings.of("create by `storeroom tenant create`", seconds, time.perf_counter() - began)
