"""Run every benchmark in bench/ and print one table: endpoint or job, throughput, p99, peak
RSS and the ratio to the bare ASGI app measured in the same run.

    bench/run            the full set (about an hour: 1,000 tenants, a 1 GB file, 1,000,000 rows)
    bench/run --quick    the same benchmarks at small sizes (a few minutes)
    bench/run --only tenants,attachments

Each benchmark prints its own detailed figures and writes bench/results/; for this table it also
appends rows to the file named by STOREROOM_BENCH_SUMMARY (bench/summary.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from summary import SUMMARY_ENV

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"

# name -> (script, full arguments, quick arguments)
BENCHMARKS: dict[str, tuple[str, list[str], list[str]]] = {
    "list-sqlite": (
        "error_report_list.py",
        ["--database", "sqlite"],
        ["--database", "sqlite", "--seconds", "3", "--rounds", "1"],
    ),
    "list-postgres": (
        "error_report_list.py",
        ["--database", "postgres"],
        ["--database", "postgres", "--seconds", "3", "--rounds", "1"],
    ),
    "tenants": (
        "tenants.py",
        [],
        ["--tenants", "50", "--new", "5", "--seconds", "3", "--rounds", "1", "--warmup", "1"],
    ),
    "attachments": (
        "attachments.py",
        [],
        ["--size-mb", "64", "--rows", "10000", "--seconds", "3"],
    ),
    "inventory-sqlite": (
        "inventory.py",
        ["--database", "sqlite"],
        [
            "--database",
            "sqlite",
            "--parts",
            "20000",
            "--stock",
            "50000",
            "--seconds",
            "2",
            "--rounds",
            "1",
        ],
    ),
    "inventory-postgres": (
        "inventory.py",
        ["--database", "postgres"],
        [
            "--database",
            "postgres",
            "--parts",
            "20000",
            "--stock",
            "50000",
            "--seconds",
            "2",
            "--rounds",
            "1",
        ],
    ),
    "stock-details-sqlite": (
        "stock_details.py",
        ["--database", "sqlite"],
        ["--database", "sqlite", "--stock", "20000", "--parts", "2000", "--seconds", "2"],
    ),
    "stock-details-postgres": (
        "stock_details.py",
        ["--database", "postgres"],
        ["--database", "postgres", "--stock", "20000", "--parts", "2000", "--seconds", "2"],
    ),
    "import": ("import_workflow.py", [], ["--rows", "50000"]),
    "load-mixed": ("load_mixed.py", [], ["--seconds", "30"]),
}


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, a few minutes")
    parser.add_argument("--only", default="", help="comma-separated names: " + ",".join(BENCHMARKS))
    return parser.parse_args()


def machine() -> dict[str, Any]:
    memory = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if "MemTotal" in line
        ),
        "0",
    )
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "load_average_at_start": os.getloadavg(),
    }


def cell(value: Any, digits: int = 0) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| bench | endpoint or job | throughput | p99 ms | peak RSS MB | ratio to bare | note |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        ratio = row.get("bare_ratio")
        lines.append(
            f"| {row['bench']} | {row['name']} | {cell(row['throughput'], 1)} {row['unit']} "
            f"| {cell(row.get('p99_ms'), 1)} | {cell(row.get('peak_rss_mb'))} "
            f"| {f'{ratio:.0%}' if ratio is not None else '—'} | {row.get('note', '')} |"
        )
    return "\n".join(lines)


def main() -> int:
    arguments = parse_arguments()
    chosen = [name for name in arguments.only.split(",") if name] or list(BENCHMARKS)
    unknown = set(chosen) - set(BENCHMARKS)
    if unknown:
        sys.exit(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    started = machine()
    failures = []
    with tempfile.NamedTemporaryFile("r", suffix=".jsonl") as summary:
        environment = {**os.environ, SUMMARY_ENV: summary.name}
        for name in chosen:
            script, full, quick = BENCHMARKS[name]
            command = [
                sys.executable,
                str(BENCH_DIR / script),
                *(quick if arguments.quick else full),
            ]
            print(f"\n=== {name}: {' '.join(command[1:])}", flush=True)
            began = time.monotonic()
            finished = subprocess.run(command, cwd=BENCH_DIR, env=environment, check=False)
            print(f"=== {name}: exit {finished.returncode} after {time.monotonic() - began:.0f} s")
            if finished.returncode != 0:
                failures.append(name)
        rows = [json.loads(line) for line in Path(summary.name).read_text().splitlines() if line]
    print(
        f"\n{'quick' if arguments.quick else 'full'} run, {started['cpus']} CPUs, "
        f"{started['memory_gb']} GB, load average at start {started['load_average_at_start']}\n"
    )
    print(table(rows))
    if failures:
        print(f"\nbenchmarks that failed or missed a target: {', '.join(failures)}")
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    record = {"machine": started, "quick": arguments.quick, "rows": rows, "failures": failures}
    path = RESULTS_DIR / f"run-{stamp}.json"
    path.write_text(json.dumps(record, indent=2) + "\n")
    print(f"\nresults: {path}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
