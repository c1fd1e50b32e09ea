"""CPU spent per request by the server process and by the PostgreSQL backends of the scratch
database, read from /proc before and after a load (Linux only).

On a shared machine throughput moves with the neighbours; the CPU a request costs barely does, so
these figures say whether the spread case does more work or only waited longer.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import asyncpg

T = TypeVar("T")
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far; 0 once it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    # Fields 14 and 15 of stat(5), counted here from field 3 (the state).
    return (int(fields[11]) + int(fields[12])) / TICKS


async def backend_pids(dsn: str) -> list[int]:
    """The PostgreSQL backends connected to the database of `dsn`, this query's own excepted."""
    connection = await asyncpg.connect(dsn)
    try:
        rows = await connection.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
    finally:
        await connection.close()
    return [row["pid"] for row in rows]


@dataclass(frozen=True, slots=True)
class CpuCost:
    server_ms: float
    database_ms: float


def snapshot(pids: Iterable[int]) -> dict[int, float]:
    return {pid: cpu_seconds(pid) for pid in pids}


def measure_cpu(
    server_pid: int, dsn: str, requests_of: Callable[[T], int], load: Callable[[], T]
) -> tuple[T, CpuCost]:
    """Run `load`; CPU milliseconds per request of the server and of the database backends."""
    before = snapshot([server_pid, *asyncio.run(backend_pids(dsn))])
    result = load()
    after = snapshot([server_pid, *asyncio.run(backend_pids(dsn)), *before])
    used = {pid: max(0.0, after[pid] - before.get(pid, 0.0)) for pid in after}
    requests = max(1, requests_of(result))
    server = used.pop(server_pid)
    return result, CpuCost(server * 1000 / requests, sum(used.values()) * 1000 / requests)
