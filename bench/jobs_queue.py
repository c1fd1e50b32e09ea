"""Jobs per second through the background queue (issue 15): no-op jobs submitted as fast as one
process can, run by the in-process queue of the embedded default, and by SAQ on Redis with one
worker of --concurrency jobs at once (in this process, so the figure is the queue's, not the
process start's).

    .venv/bin/python bench/jobs_queue.py [--jobs 5000] [--concurrency 10] [--redis URL]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

# Starting the platform builds the tenant tables from the declarations: all of them imported.
import storeroom.app  # noqa: F401
from storeroom.api.startup import start_platform
from storeroom.background.local import local_queue
from storeroom.background.queue import Registry, Runtime, TaskQueue
from storeroom.background.redis_queue import SaqQueue
from storeroom.background.worker import worker_in_process
from storeroom.settings import load_settings

DONE: list[int] = []
EXPECTED: list[int] = [0]
FINISHED = asyncio.Event()


async def noop(runtime: Runtime, **kwargs: object) -> None:
    DONE.append(1)
    if len(DONE) >= EXPECTED[0]:
        FINISHED.set()


REGISTRY = Registry({"bench.noop": noop})


async def through(queue: TaskQueue, jobs: int) -> tuple[float, float]:
    """(jobs submitted per second, jobs completed per second)."""
    DONE.clear()
    EXPECTED[0] = jobs
    FINISHED.clear()
    start = time.perf_counter()
    for _ in range(jobs):
        await queue.submit("bench.noop", {})
    submitted = time.perf_counter() - start
    await FINISHED.wait()
    return jobs / submitted, jobs / (time.perf_counter() - start)


async def main(jobs: int, concurrency: int, redis_url: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(
            environ={}, data_dir=Path(folder), log_level="WARNING", queue_url=redis_url
        )
        async with start_platform(settings) as context:
            async with local_queue(context, REGISTRY) as local:
                rates = await through(local, jobs)
            print(f"in-process  submit {rates[0]:9.0f}/s  done {rates[1]:9.0f}/s")
            if redis_url:
                queue = SaqQueue(settings, REGISTRY)
                async with worker_in_process(context, queue, REGISTRY, concurrency):
                    rates = await through(queue, jobs)
                await queue.close()
                print(f"saq/redis   submit {rates[0]:9.0f}/s  done {rates[1]:9.0f}/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.jobs, arguments.concurrency, arguments.redis))
