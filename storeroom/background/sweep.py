"""SAQ's Redis queue with a sweep that spares a job just taken.

A worker takes a job by moving it to the `active` list, then marks it active in a second round
trip. SAQ's sweep hands back any job in that list not marked active, so a sweep that falls between
the two steps runs the job twice. Here such a job is handed back only if the previous sweep saw it
too: a worker that died between the steps loses its job for one sweep interval, never for good.
"""

from __future__ import annotations

import logging
from typing import Any

from saq import Status
from saq.queue.redis import RedisQueue

logger = logging.getLogger("storeroom.background")


class CarefulRedisQueue(RedisQueue):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suspects: set[bytes] = set()

    async def sweep(self, lock: int = 60, abort: float = 5.0) -> list[str]:
        if not await self.redis.set(self.namespace("sweep"), b"1", nx=True, ex=lock):
            return []
        swept: list[str] = []
        suspects: set[bytes] = set()
        # redis-py types its commands as sync or async.
        active = await self.redis.lrange(self.namespace("active"), 0, -1)  # type: ignore[misc]
        for job_id in active:
            job = await self._get_job_by_id(job_id)
            if job is None:
                async with self.redis.pipeline(transaction=True) as pipe:
                    pipe.lrem(self.namespace("active"), 0, job_id)
                    pipe.zrem(self.namespace("incomplete"), job_id)
                    await pipe.execute()
                swept.append(job_id.decode())
                continue
            if job.status == Status.ACTIVE and not job.stuck:
                continue
            if job.status != Status.ACTIVE and job_id not in self.suspects:
                suspects.add(job_id)
                continue
            logger.warning("Handing back %s (its worker stopped)", job.info())
            swept.append(job_id.decode())
            await self.abort(job, error=self.swept_error_message)
            try:
                await job.refresh(abort)
            except TimeoutError:
                logger.info("Could not abort job %s", job.id)
            if job.retryable:
                await self.retry(job, error=self.swept_error_message)
            else:
                await self.finish(job, Status.ABORTED, error=self.swept_error_message)
        self.suspects = suspects
        return swept
