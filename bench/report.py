"""The run's results: a table on stdout, and the whole record as JSON in bench/results/.

Each endpoint is measured in rounds, storeroom and bare back to back in each. The table shows
each server's median over the rounds, and the ratio is the median of the per-round ratios: a
neighbour stealing CPU for a while then hurts both halves of a round, not one server's figure.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from typing import Any

from load import LoadResult

RESULTS_DIR = Path(__file__).resolve().parent / "results"
TARGET_RATIO = 0.60
SERVERS = ("storeroom", "bare")

# endpoint -> server -> one result per round
Measured = Mapping[str, Mapping[str, Sequence[LoadResult]]]


def ratio(rounds: Mapping[str, Sequence[LoadResult]]) -> float:
    """Storeroom's throughput as a share of bare's: the median of the rounds' ratios."""
    shares = [
        ours.requests_per_second / theirs.requests_per_second
        for ours, theirs in zip(rounds["storeroom"], rounds["bare"], strict=True)
        if theirs.requests_per_second
    ]
    return median(shares) if shares else 0.0


def table(measured: Measured) -> str:
    width = max(len(endpoint) for endpoint in measured)
    lines = [
        f"{'endpoint':<{width}}  {'server':<9}  {'req/s':>8}  {'p50 ms':>7}  {'p99 ms':>7}"
        f"  {'failed':>6}  storeroom/bare",
    ]
    for endpoint, rounds in measured.items():
        for server in SERVERS:
            results = rounds[server]
            share = f"{ratio(rounds):.0%}" if server == "storeroom" else ""
            lines.append(
                f"{endpoint:<{width}}  {server:<9}"
                f"  {median(r.requests_per_second for r in results):>8.0f}"
                f"  {median(r.p50_ms for r in results):>7.2f}"
                f"  {median(r.p99_ms for r in results):>7.2f}"
                f"  {sum(r.failed for r in results):>6}  {share}"
            )
    return "\n".join(lines)


def closing_note(measured: Measured) -> str:
    parts = []
    for endpoint, rounds in measured.items():
        share = ratio(rounds)
        verdict = "meets" if share >= TARGET_RATIO else "BELOW"
        parts.append(
            f"{endpoint}: storeroom at {share:.0%} of bare's throughput ({verdict} the "
            f"{TARGET_RATIO:.0%} target)"
        )
    return "\n".join(parts)


def as_record(measured: Measured) -> dict[str, Any]:
    return {
        endpoint: {
            "ratio_storeroom_to_bare": round(ratio(rounds), 4),
            **{
                server: {
                    "median_requests_per_second": median(
                        r.requests_per_second for r in rounds[server]
                    ),
                    "median_p50_ms": median(r.p50_ms for r in rounds[server]),
                    "median_p99_ms": median(r.p99_ms for r in rounds[server]),
                    "rounds": [r.as_dict() for r in rounds[server]],
                }
                for server in SERVERS
            },
        }
        for endpoint, rounds in measured.items()
    }


def write_json(name: str, record: Mapping[str, Any]) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"{name}-{stamp}.json"
    path.write_text(json.dumps(record, indent=2, default=str) + "\n")
    return path
