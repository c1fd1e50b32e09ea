"""Running jobs from the Redis queue: `storeroom worker --concurrency N`, or a worker inside each
web process (worker_in_web). Both run the same job functions as the embedded default.

SIGTERM drains: the worker takes no new job, lets those it runs finish for worker_grace_seconds,
then cancels the rest, which SAQ hands back to the queue for another worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from saq import Job, Worker
from saq.types import TimersDict

from storeroom.api.context import ApiContext
from storeroom.background.queue import JobFunction, Registry, Runtime
from storeroom.background.redis_queue import SaqQueue

logger = logging.getLogger("storeroom.background")
# An idle worker looks at its stop signal this often (SAQ's dequeue otherwise blocks for ever).
DEQUEUE_TIMEOUT_SECONDS = 1.0


async def heartbeat(job: Job) -> None:
    """Touch the job while it runs: a job whose worker dies stops being touched, and the sweep
    hands it back to the queue after its heartbeat (instead of its whole timeout)."""
    while job.heartbeat:
        await asyncio.sleep(job.heartbeat / 3)
        await job.update()


def adapted(name: str, function: JobFunction, context: ApiContext, queue: SaqQueue) -> Any:
    """The job function as SAQ calls it: (ctx, **kwargs), found by its __qualname__."""

    async def run(ctx: dict[str, Any], **kwargs: Any) -> None:
        job = ctx["job"]
        runtime = Runtime(context, queue, is_last_attempt=job.attempts >= job.retries)
        beating = asyncio.create_task(heartbeat(job), name=f"heartbeat-{name}")
        try:
            await function(runtime, **kwargs)
        finally:
            beating.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beating

    run.__qualname__ = run.__name__ = name
    return run


def build_worker(
    context: ApiContext, queue: SaqQueue, registry: Registry, concurrency: int
) -> Worker[Any]:
    settings = context.settings
    functions = {
        name: adapted(name, function, context, queue) for name, function in registry.jobs.items()
    }
    return Worker(
        queue.saq,
        list(functions.items()),
        concurrency=concurrency,
        # A stopping worker waits for its upkeep loops' sleeps: none is longer than 2 s but the
        # sweep's (whose sleep the grace period cuts short).
        timers=TimersDict(
            schedule=1, worker_info=2, abort=1, sweep=max(1, settings.worker_sweep_seconds)
        ),
        dequeue_timeout=DEQUEUE_TIMEOUT_SECONDS,
        shutdown_grace_period_s=settings.worker_grace_seconds,
    )


async def run_worker(context: ApiContext, registry: Registry, concurrency: int) -> None:
    """Run jobs until SIGTERM or SIGINT, then drain."""
    queue = SaqQueue(context.settings, registry)
    try:
        await queue.ping()
        worker = build_worker(context, queue, registry, concurrency)
        logger.info("Worker %s taking jobs from %s", worker.id, queue.saq.name)
        async with scheduling(queue):
            await worker.start()
    finally:
        await queue.close()


@asynccontextmanager
async def scheduling(queue: SaqQueue) -> AsyncIterator[None]:
    task = asyncio.create_task(queue.keep_schedules(), name="schedules")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@asynccontextmanager
async def worker_in_process(
    context: ApiContext, queue: SaqQueue, registry: Registry, concurrency: int
) -> AsyncIterator[None]:
    """A worker inside a web process: the server's own signal handling stops it, not SAQ's."""
    worker = build_worker(context, queue, registry, concurrency)
    worker.SIGNALS = []
    task = asyncio.create_task(worker.start(), name="background-worker")
    try:
        async with scheduling(queue):
            yield
    finally:
        await worker.stop()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
