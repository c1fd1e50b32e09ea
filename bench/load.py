"""The load generator: wrk on loopback with `random_page.lua`, or, where wrk cannot be had, a
small asyncio + httpx loop (which costs more CPU on the machine under test, so its figures are
lower for both servers; the ratio is what stays comparable).

A target is a path prefix and a number of pages: each request appends a random page's offset,
drawn from a seeded generator, so both servers see the same sequence of pages.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

LUA_SCRIPT = Path(__file__).resolve().parent / "random_page.lua"
MARKER = "BENCH_JSON "


@dataclass(frozen=True, slots=True)
class Target:
    path: str
    pages: int = 0
    page_size: int = 25
    token: str = ""
    # How the drawn number is written after the path: "%04d" for a 4-digit search term, "%d/"
    # for a detail URL.
    number_format: str = "%d"
    # Added to the drawn number (1: ids start at 1).
    first: int = 0

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Token {self.token}"} if self.token else {}


@dataclass(frozen=True, slots=True)
class LoadResult:
    tool: str
    requests: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    failed: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def find_wrk(may_install: bool) -> str | None:
    """wrk's path; installs it with apt-get when allowed and running as root."""
    found = shutil.which("wrk")
    if found or not may_install or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True, check=False)
    return shutil.which("wrk")


def run_wrk(
    wrk: str, base_url: str, target: Target, seconds: float, connections: int, seed: int
) -> LoadResult:
    command = [
        wrk,
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA_SCRIPT),
    ]
    for name, value in target.headers().items():
        command += ["-H", f"{name}: {value}"]
    command += [base_url, "--", target.path, str(target.pages), str(target.page_size), str(seed)]
    command += [target.number_format, str(target.first)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith(MARKER))
    summary = json.loads(line.removeprefix(MARKER))
    elapsed = summary["duration_us"] / 1e6
    return LoadResult(
        tool="wrk",
        requests=summary["requests"],
        seconds=elapsed,
        requests_per_second=summary["requests"] / elapsed,
        p50_ms=summary["p50_us"] / 1000,
        p99_ms=summary["p99_us"] / 1000,
        max_ms=summary["max_us"] / 1000,
        failed=summary["errors"] + summary["non_2xx"],
    )


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


async def _httpx_loop(
    base_url: str, target: Target, seconds: float, connections: int, seed: int
) -> LoadResult:
    pages = random.Random(seed)
    latencies: list[float] = []
    failed = 0
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)

    async def client_loop(client: httpx.AsyncClient, deadline: float) -> None:
        nonlocal failed
        while time.perf_counter() < deadline:
            drawn = (
                target.first + pages.randrange(target.pages) * target.page_size
                if target.pages
                else None
            )
            page = "" if drawn is None else target.number_format % drawn
            began = time.perf_counter()
            response = await client.get(f"{target.path}{page}")
            latencies.append(time.perf_counter() - began)
            failed += response.status_code >= 400

    async with httpx.AsyncClient(
        base_url=base_url, headers=target.headers(), limits=limits, timeout=10
    ) as client:
        began = time.perf_counter()
        deadline = began + seconds
        await asyncio.gather(*(client_loop(client, deadline) for _ in range(connections)))
        elapsed = time.perf_counter() - began
    ordered = sorted(latencies)
    return LoadResult(
        tool="httpx",
        requests=len(ordered),
        seconds=elapsed,
        requests_per_second=len(ordered) / elapsed,
        p50_ms=percentile(ordered, 0.50) * 1000,
        p99_ms=percentile(ordered, 0.99) * 1000,
        max_ms=(ordered[-1] if ordered else 0.0) * 1000,
        failed=failed,
    )


def measure(
    wrk: str | None, base_url: str, target: Target, seconds: float, connections: int, seed: int
) -> LoadResult:
    if wrk is not None:
        return run_wrk(wrk, base_url, target, seconds, connections, seed)
    return asyncio.run(_httpx_loop(base_url, target, seconds, connections, seed))
