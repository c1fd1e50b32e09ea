"""The queue the settings choose: in this process (no queue_url), or SAQ on Redis."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from storeroom.api.context import ApiContext
from storeroom.background.local import local_queue
from storeroom.background.queue import Registry, TaskQueue
from storeroom.background.redis_queue import SaqQueue, queue_url_of
from storeroom.background.worker import worker_in_process
from storeroom.errors import Unavailable

logger = logging.getLogger("storeroom.background")

WEB_WORKER_CONCURRENCY = 4


@asynccontextmanager
async def background_queue(
    context: ApiContext, registry: Registry, runs_jobs: bool = True
) -> AsyncIterator[TaskQueue]:
    """The queue, running while the block runs; `runs_jobs` adds a worker in this process."""
    if not queue_url_of(context.settings):
        async with local_queue(context, registry) as local:
            await submit_at_start(local, registry)
            yield local
        return
    queue = SaqQueue(context.settings, registry)
    try:
        await submit_at_start(queue, registry)
        if runs_jobs and context.settings.worker_in_web:
            async with worker_in_process(context, queue, registry, WEB_WORKER_CONCURRENCY):
                yield queue
        else:
            yield queue
    finally:
        await queue.close()


async def submit_at_start(queue: TaskQueue, registry: Registry) -> None:
    """Submit the start-up jobs; a queue out of reach is logged (the schedules catch up later),
    and does not stop the server: /readyz reports it."""
    for job_name in registry.at_start:
        try:
            await queue.submit(job_name, {})
        except Unavailable as error:
            logger.warning("%s not submitted at start: %s", job_name, error.message)
