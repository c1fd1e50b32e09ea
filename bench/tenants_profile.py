"""Where the server's time goes under each load: py-spy samples the storeroom process while wrk
runs, and the samples are summed per function and divided by the requests served: CPU
milliseconds per request spent in that function or below it (counted once per stack).

py-spy is not a project dependency: pass its path (`pip install --target DIR py-spy` puts it in
DIR/bin). The raw collapsed stacks are kept beside the JSON for a flame graph.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

RESULTS_DIR = Path(__file__).resolve().parent / "results"
# Frames worth showing: ours, the drivers, SQLAlchemy, alembic, the server and the event loop.
SHOWN = re.compile(r"storeroom/|asyncpg|sqlalchemy|alembic|litestar|uvicorn|uvloop|msgspec")
FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^:]+):\d+\)$")


RATE = 250


def record(py_spy: str, pid: int, seconds: float, output: Path, load: Callable[[], T]) -> T:
    """Run `load` while py-spy records the process for `seconds` into `output` (collapsed stacks,
    active samples only)."""
    command = [py_spy, "record", "--pid", str(pid), "--duration", str(max(1, round(seconds)))]
    command += ["--rate", str(RATE), "--format", "raw", "--output", str(output), "--nonblocking"]
    sampler = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        result = load()
    finally:
        _, errors = sampler.communicate(timeout=seconds + 60)
    if sampler.returncode != 0:
        raise RuntimeError(f"py-spy failed: {errors.decode(errors='replace')[-2000:]}")
    return result


def frame_name(frame: str) -> str:
    match = FRAME.match(frame)
    if match is None:
        return frame
    short = match["file"].split("site-packages/")[-1].split("/main/")[-1]
    return f"{match['function']} ({short})"


def milliseconds_per_request(stacks: Path, requests: int) -> dict[str, float]:
    """CPU milliseconds per request in each shown function, counted once per stack, and the
    whole process's under "(all)"."""
    samples: Counter[str] = Counter()
    for line in stacks.read_text().splitlines():
        stack, _, number = line.rpartition(" ")
        count = int(number)
        samples["(all)"] += count
        for name in {frame_name(frame) for frame in stack.split(";") if SHOWN.search(frame)}:
            samples[name] += count
    return {name: count * 1000 / RATE / max(1, requests) for name, count in samples.items()}


def compare(single: dict[str, float], spread: dict[str, float], top: int = 30) -> str:
    """The functions whose cost per request grows most from single to spread, then the largest."""
    names = set(single) | set(spread)
    grown = sorted(names, key=lambda name: single.get(name, 0) - spread.get(name, 0))
    largest = sorted(names, key=lambda name: -max(single.get(name, 0), spread.get(name, 0)))
    chosen = list(dict.fromkeys([*largest[: top // 2], *grown[: top // 2]]))
    chosen.sort(key=lambda name: -spread.get(name, 0))
    lines = [f"{'single':>7}  {'spread':>7}  CPU ms per request, inclusive"]
    lines += [
        f"{single.get(name, 0):>7.3f}  {spread.get(name, 0):>7.3f}  {name}" for name in chosen
    ]
    return "\n".join(lines)
