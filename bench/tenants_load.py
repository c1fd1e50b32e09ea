"""The load of the tenants benchmark: GET /api/error-report/?limit=25, each request with the
identity header of an account drawn at random from a list (one account: the single-tenant case;
all of them: the spread case). The same wrk script serves both, so the client does the same work.

wrk's script and the list of headers are written to a temporary directory; the script formats
every account's request once in `init`, and `request` only picks one. Without wrk an asyncio +
httpx loop does the same (costlier on the client, so lower figures; the ratio stays comparable).
"""

from __future__ import annotations

import asyncio
import json
import random
import subprocess
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
from tenants_setup import LIST_PATH, identity_header

MARKER = "BENCH_JSON "
WRK_SCRIPT = """
local prepared, count = {}, 0

function init(args)
  local headers = dofile(args[1])
  math.randomseed(tonumber(args[2]))
  for index, value in ipairs(headers) do
    prepared[index] = wrk.format("GET", args[3], {["x-rh-identity"] = value})
  end
  count = #prepared
end

function request()
  return prepared[math.random(count)]
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "errors": %d, "non_2xx": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


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


def write_headers(directory: Path, name: str, accounts: Sequence[str]) -> Path:
    """A Lua file returning the accounts' identity headers (base64 needs no escaping)."""
    path = directory / f"{name}.lua"
    items = ",\n".join(f'  "{identity_header(account)}"' for account in accounts)
    path.write_text(f"return {{\n{items}\n}}\n")
    return path


def run_wrk(
    wrk: str, base_url: str, headers: Path, seconds: float, connections: int, seed: int
) -> LoadResult:
    script = headers.parent / "tenants_load.lua"
    script.write_text(WRK_SCRIPT)
    command = [wrk, "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s"]
    command += ["-s", str(script), base_url, "--", str(headers), str(seed), LIST_PATH]
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


def percentile(ordered: Sequence[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


async def httpx_loop(
    base_url: str, accounts: Sequence[str], seconds: float, connections: int, seed: int
) -> LoadResult:
    chooser = random.Random(seed)
    headers = [{"x-rh-identity": identity_header(account)} for account in accounts]
    latencies: list[float] = []
    failed = 0

    async def client_loop(client: httpx.AsyncClient, deadline: float) -> None:
        nonlocal failed
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            response = await client.get(LIST_PATH, headers=chooser.choice(headers))
            latencies.append(time.perf_counter() - began)
            failed += response.status_code != 200

    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=10) as client:
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


@dataclass(frozen=True, slots=True)
class Load:
    """One way of loading the server (wrk when given, else httpx), bound to a scratch directory."""

    base_url: str
    directory: Path
    connections: int
    wrk: str | None

    def run(self, name: str, accounts: Sequence[str], seconds: float, seed: int) -> LoadResult:
        if self.wrk is None:
            return asyncio.run(httpx_loop(self.base_url, accounts, seconds, self.connections, seed))
        headers = write_headers(self.directory, name, accounts)
        return run_wrk(self.wrk, self.base_url, headers, seconds, self.connections, seed)
