"""One line per measured endpoint or job for `bench/run`'s table.

A benchmark calls `record(...)` for each figure it wants in the table; when `bench/run` started
it (STOREROOM_BENCH_SUMMARY names a file), the row is appended there as JSON, otherwise nothing
happens. `peak_rss_mb` reads a process's high-water mark of resident memory from /proc.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

SUMMARY_ENV = "STOREROOM_BENCH_SUMMARY"


def record(
    bench: str,
    name: str,
    throughput: float | None,
    unit: str,
    *,
    p99_ms: float | None = None,
    peak_rss_mb: float | None = None,
    bare_ratio: float | None = None,
    note: str = "",
) -> None:
    target = os.environ.get(SUMMARY_ENV)
    if not target:
        return
    row = {
        "bench": bench,
        "name": name,
        "throughput": throughput,
        "unit": unit,
        "p99_ms": p99_ms,
        "peak_rss_mb": peak_rss_mb,
        "bare_ratio": bare_ratio,
        "note": note,
    }
    with Path(target).open("a") as summary:
        summary.write(json.dumps(row) + "\n")


def peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident memory (VmHWM), in MB; None once it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None
