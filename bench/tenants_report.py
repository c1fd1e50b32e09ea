"""The tenants benchmark's results: a table on stdout, the closing note, and the record as JSON in
bench/results/tenants.json.

The list is measured in rounds, single-tenant and spread back to back in each; the table shows each
case's median over the rounds, and the ratio is the median of the per-round ratios, so a neighbour
stealing CPU for a while hurts both halves of a round rather than one case's figure.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from typing import Any

from tenants_cpu import CpuCost
from tenants_create import Timings
from tenants_load import LoadResult

RESULTS_FILE = Path(__file__).resolve().parent / "results" / "tenants.json"
TARGET_RATIO = 0.80
TARGET_READY_SECONDS = 2.0
CASES = ("single", "spread")


@dataclass(frozen=True, slots=True)
class Round:
    load: LoadResult
    cpu: CpuCost

    def as_dict(self) -> dict[str, object]:
        return {**self.load.as_dict(), **asdict(self.cpu)}


# case -> one result per round
Rounds = Mapping[str, Sequence[Round]]


def spread_ratio(rounds: Rounds) -> float:
    """Spread throughput as a share of single-tenant throughput: the median of the rounds'."""
    shares = [
        spread.load.requests_per_second / single.load.requests_per_second
        for single, spread in zip(rounds["single"], rounds["spread"], strict=True)
        if single.load.requests_per_second
    ]
    return median(shares) if shares else 0.0


def throughput(rounds: Rounds, case: str) -> float:
    return median(r.load.requests_per_second for r in rounds[case])


def cpu_per_request(rounds: Rounds, case: str) -> float:
    """Server plus database CPU milliseconds per request, median over the rounds."""
    return median(r.cpu.server_ms + r.cpu.database_ms for r in rounds[case])


def cpu_ratio(rounds: Rounds) -> float:
    """Single's CPU per request over spread's: the throughput ratio to expect where CPU is the
    bottleneck, and steadier than the measured one on a shared machine."""
    spread = cpu_per_request(rounds, "spread")
    return cpu_per_request(rounds, "single") / spread if spread else 0.0


def timings_table(timings: Sequence[Timings]) -> str:
    width = max(len(timing.what) for timing in timings)
    lines = [
        f"{'tenant creation':<{width}}  {'count':>5}  {'wall s':>7}  {'p50 ms':>8}  {'max ms':>8}"
    ]
    lines += [
        f"{t.what:<{width}}  {t.count:>5}  {t.wall_seconds:>7.1f}"
        f"  {t.median_seconds * 1000:>8.0f}  {t.max_seconds * 1000:>8.0f}"
        for t in timings
    ]
    return "\n".join(lines)


def load_table(rounds: Rounds, tenants: int) -> str:
    lines = [
        f"{'GET /api/error-report/?limit=25':<30}  {'req/s':>6}  {'p50 ms':>7}  {'p99 ms':>7}"
        f"  {'failed':>6}  CPU ms/request: server  database"
    ]
    labels = {"single": "single tenant", "spread": f"spread over {tenants} tenants"}
    for case in CASES:
        results = rounds[case]
        lines.append(
            f"{labels[case]:<30}  {throughput(rounds, case):>6.0f}"
            f"  {median(r.load.p50_ms for r in results):>7.2f}"
            f"  {median(r.load.p99_ms for r in results):>7.2f}"
            f"  {sum(r.load.failed for r in results):>6}"
            f"  {'':>14}  {median(r.cpu.server_ms for r in results):>6.2f}"
            f"  {median(r.cpu.database_ms for r in results):>8.2f}"
        )
    lines.append(
        f"{'spread / single':<30}  {spread_ratio(rounds):>6.0%}"
        f"  (CPU per request, single / spread: {cpu_ratio(rounds):.0%})"
    )
    return "\n".join(lines)


def closing_note(rounds: Rounds, ready: Timings, created: Timings, tenants: int) -> str:
    ratio = spread_ratio(rounds)
    ratio_verdict = "meets" if ratio >= TARGET_RATIO else "misses"
    ready_verdict = "meets" if ready.max_seconds < TARGET_READY_SECONDS else "misses"
    ready_ms = (ready.median_seconds * 1000, ready.max_seconds * 1000)
    return (
        f"{tenants} tenants on PostgreSQL: list throughput spread over all tenants "
        f"{throughput(rounds, 'spread'):.0f} req/s vs {throughput(rounds, 'single'):.0f} req/s on "
        f"one tenant = {ratio:.0%} ({ratio_verdict} the {TARGET_RATIO:.0%} target; by CPU per "
        f"request, server and database, {cpu_ratio(rounds):.0%}); a new tenant "
        f"is ready in {ready_ms[0]:.0f} ms median, {ready_ms[1]:.0f} ms max over {ready.count} "
        f"({ready_verdict} the {TARGET_READY_SECONDS:.0f} s target); creating {created.count} "
        f"tenants took {created.wall_seconds:.0f} s."
    )


def write_json(record: Mapping[str, Any]) -> Path:
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    stamped = {"finished": datetime.now(UTC).isoformat(timespec="seconds"), **record}
    RESULTS_FILE.write_text(json.dumps(stamped, indent=2) + "\n")
    return RESULTS_FILE


def rounds_record(rounds: Rounds) -> dict[str, Any]:
    return {
        "rounds": {case: [r.as_dict() for r in rounds[case]] for case in CASES},
        "median_requests_per_second": {case: throughput(rounds, case) for case in CASES},
        "spread_over_single": spread_ratio(rounds),
        "cpu_ms_per_request": {case: cpu_per_request(rounds, case) for case in CASES},
        "cpu_single_over_spread": cpu_ratio(rounds),
        "target_spread_over_single": TARGET_RATIO,
    }
