"""Where the server's time goes under each load: py-spy samples the storeroom process while wrk
runs, and the samples are summed per function and divided by the requests served: milliseconds
per request spent in that function or below it (counted once per stack). py-spy counts a thread
as active while it is runnable, so on a busy machine these exceed the CPU really used; compare
them between cases, and read real CPU from `tenants_cpu.py`.

py-spy is not a project dependency: pass its path (`pip install --target DIR py-spy` puts it in
DIR/bin). The raw collapsed stacks are kept beside the JSON for a flame graph.
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

RESULTS_DIR = Path(__file__).resolve().parent / "results"
# Frames worth showing: ours below the server's entry point, the driver, SQLAlchemy's async layer,
# alembic's command and the migration scripts.
SHOWN = re.compile(
    r"storeroom/(auth/mechanisms|api|db)|asyncpg/|sqlalchemy/ext/asyncio|alembic/command|versions/"
)
FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^:]+):\d+\)$")


RATE = 250


def record(py_spy: str, pid: int, output: Path, load: Callable[[], T]) -> T:
    """Run `load` while py-spy records the process into `output` (collapsed stacks, active
    samples only); py-spy writes its file when interrupted."""
    command = [py_spy, "record", "--pid", str(pid), "--rate", str(RATE), "--format", "raw"]
    command += ["--output", str(output), "--nonblocking"]
    sampler = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        time.sleep(0.5)  # py-spy attaches before the load starts
        result = load()
    finally:
        sampler.send_signal(signal.SIGINT)
        _, errors = sampler.communicate(timeout=60)
    if not output.exists():
        raise RuntimeError(f"py-spy failed: {errors.decode(errors='replace')[-2000:]}")
    return result


def frame_name(frame: str) -> str:
    match = FRAME.match(frame)
    if match is None:
        return frame
    short = match["file"].split("site-packages/")[-1].split("/main/")[-1]
    return f"{match['function']} ({short})"


def milliseconds_per_request(stacks: Path, requests: int) -> dict[str, float]:
    """Sampled milliseconds per request (or per whatever `requests` counts) in each function,
    counted once per stack, and the whole process's under "(all)"."""
    samples: Counter[str] = Counter()
    for line in stacks.read_text().splitlines():
        stack, _, number = line.rpartition(" ")
        count = int(number)
        samples["(all)"] += count
        for name in {frame_name(frame) for frame in stack.split(";") if SHOWN.search(frame)}:
            samples[name] += count
    return {name: count * 1000 / RATE / max(1, requests) for name, count in samples.items()}


def compare(single: dict[str, float], spread: dict[str, float], top: int = 24) -> str:
    """The functions costing most per request in either case, most costly in spread first."""
    names = sorted(
        set(single) | set(spread), key=lambda name: -max(single.get(name, 0), spread.get(name, 0))
    )
    chosen = sorted(names[:top], key=lambda name: -spread.get(name, 0))
    lines = [f"{'single':>7}  {'spread':>7}  ms sampled per request, inclusive"]
    lines += [
        f"{single.get(name, 0):>7.3f}  {spread.get(name, 0):>7.3f}  {name}" for name in chosen
    ]
    return "\n".join(lines)


def costliest(costs: dict[str, float], top: int = 20) -> str:
    lines = [f"{'ms':>7}  ms sampled per new tenant, inclusive"]
    lines += [
        f"{ms:>7.1f}  {name}" for name, ms in sorted(costs.items(), key=lambda i: -i[1])[:top]
    ]
    return "\n".join(lines)
