"""The run's results: a table on stdout, and the whole record as JSON in bench/results/."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from load import LoadResult

RESULTS_DIR = Path(__file__).resolve().parent / "results"
TARGET_RATIO = 0.60


def ratio(results: Mapping[str, LoadResult]) -> float:
    bare = results["bare"].requests_per_second
    return results["storeroom"].requests_per_second / bare if bare else 0.0


def table(measured: Mapping[str, Mapping[str, LoadResult]]) -> str:
    width = max(len(endpoint) for endpoint in measured)
    lines = [
        f"{'endpoint':<{width}}  {'server':<9}  {'req/s':>8}  {'p50 ms':>7}  {'p99 ms':>7}"
        f"  {'failed':>6}  storeroom/bare",
    ]
    for endpoint, results in measured.items():
        for server, result in results.items():
            share = f"{ratio(results):.0%}" if server == "storeroom" else ""
            lines.append(
                f"{endpoint:<{width}}  {server:<9}  {result.requests_per_second:>8.0f}"
                f"  {result.p50_ms:>7.2f}  {result.p99_ms:>7.2f}  {result.failed:>6}  {share}"
            )
    return "\n".join(lines)


def closing_note(measured: Mapping[str, Mapping[str, LoadResult]]) -> str:
    parts = []
    for endpoint, results in measured.items():
        share = ratio(results)
        verdict = "meets" if share >= TARGET_RATIO else "BELOW"
        parts.append(
            f"{endpoint}: storeroom at {share:.0%} of bare ({verdict} the "
            f"{TARGET_RATIO:.0%} target)"
        )
    return "\n".join(parts)


def write_json(name: str, record: Mapping[str, Any]) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"{name}-{stamp}.json"
    path.write_text(json.dumps(record, indent=2, default=str) + "\n")
    return path


def as_record(measured: Mapping[str, Mapping[str, LoadResult]]) -> dict[str, Any]:
    return {
        endpoint: {
            **{server: result.as_dict() for server, result in results.items()},
            "ratio_storeroom_to_bare": round(ratio(results), 4),
        }
        for endpoint, results in measured.items()
    }
