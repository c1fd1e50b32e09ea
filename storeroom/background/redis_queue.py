"""The deployment's queue on Redis through SAQ: web processes submit and read, `storeroom worker`
processes (and, unless worker_in_web is off, the web processes too) run the jobs.

SAQ gives what the queue owes: a job taken by a worker stays in its `active` list until it
finishes, so a worker killed mid-job loses nothing (its job times out and the sweep of any other
worker hands it back: at least once); retries with exponential backoff; a timeout per job; failed
jobs kept (FINISHED_TTL) with their traceback. Each tick of a schedule is queued once however
many workers run: the worker that first claims the tick in Redis (SET NX) queues it (SAQ's own
cron keys a schedule by name only, so a tick that finishes fast can be queued again). The queue
is named after the deployment's database, so deployments sharing a Redis never take each other's
jobs.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from datetime import UTC, datetime
from typing import Any

from croniter import croniter
from redis.exceptions import RedisError
from saq import Job, Status

from storeroom.background.queue import (
    QueueFigures,
    Registry,
    Schedule,
    ScheduleView,
    TaskKind,
    TaskView,
)
from storeroom.background.sweep import CarefulRedisQueue
from storeroom.errors import Unavailable
from storeroom.settings import Settings

logger = logging.getLogger("storeroom.background")
# Finished jobs (failed ones included) are kept a week, then Redis forgets them; a schedule's
# runs (one a minute, some of them) and the claims of its ticks a day.
FINISHED_TTL = 7 * 24 * 3600
TICK_TTL = 24 * 3600
SCHEDULE_POLL_SECONDS = 1.0
RETRY_DELAY_SECONDS = 1.0
RETRY_BACKOFF_MAX_SECONDS = 60.0
CRON_PREFIX = "cron:"


def queue_url_of(settings: Settings) -> str:
    return settings.queue_url or settings.import_queue_url


def queue_name_of(settings: Settings) -> str:
    deployment = settings.database_url or str(settings.data_dir.resolve())
    return f"storeroom-{hashlib.sha256(deployment.encode()).hexdigest()[:16]}"


def moment(milliseconds: int) -> datetime | None:
    return datetime.fromtimestamp(milliseconds / 1000, UTC) if milliseconds else None


def view_of(job: Job) -> TaskView:
    return TaskView(
        key=job.key,
        function=job.function,
        kwargs=dict(job.kwargs or {}),
        queued=moment(job.queued) or datetime.now(UTC),
        started=moment(job.started),
        stopped=moment(job.completed),
        attempts=job.attempts,
        error=job.error or "",
    )


class SaqQueue:
    def __init__(self, settings: Settings, registry: Registry) -> None:
        self.settings = settings
        self.registry = registry
        self.saq = CarefulRedisQueue.from_url(queue_url_of(settings), name=queue_name_of(settings))

    async def submit(self, job_name: str, args: dict[str, Any]) -> None:
        if job_name not in self.registry.jobs:
            raise ValueError(f"No background job {job_name}")
        try:
            await self._enqueue(job_name, args)
        except (OSError, RedisError) as error:
            # The request that submits rolls back (importer/accept.py): nothing is half done.
            raise Unavailable(
                f"The job queue cannot be reached ({type(error).__name__}): nothing was changed. "
                "Try again shortly."
            ) from None

    async def _enqueue(self, job_name: str, args: dict[str, Any]) -> None:
        await self.saq.enqueue(
            job_name,
            timeout=self.settings.job_timeout_seconds,
            heartbeat=self.settings.job_heartbeat_seconds,
            retries=max(1, self.settings.job_retries),
            retry_delay=RETRY_DELAY_SECONDS,
            retry_backoff=RETRY_BACKOFF_MAX_SECONDS,
            ttl=FINISHED_TTL,
            **args,
        )

    async def queue_tick(self, schedule: Schedule, tick: int) -> bool:
        """Queue the schedule's run at `tick` unless another process has."""
        claim = self.saq.namespace(f"tick:{schedule.name}:{tick}")
        if not await self.saq.redis.set(claim, b"1", nx=True, ex=TICK_TTL):
            return False
        await self.saq.enqueue(
            schedule.name,
            key=tick_key(schedule, tick),
            scheduled=tick,
            timeout=self.settings.job_timeout_seconds,
            heartbeat=self.settings.job_heartbeat_seconds,
            retries=1,
            ttl=TICK_TTL,
        )
        return True

    async def keep_schedules(self) -> None:
        """Queue each schedule's next tick ahead of time, while the worker runs."""
        while True:
            now = time.time()
            # The job runner's loop: an outage of Redis is logged and the loop goes on.
            try:
                for schedule in self.registry.schedules:
                    await self.queue_tick(schedule, int(croniter(schedule.cron, now).get_next()))
            except (OSError, RedisError):
                logger.exception("Could not queue the schedules' next runs")
            await asyncio.sleep(SCHEDULE_POLL_SECONDS)

    async def _incomplete(self) -> list[Job]:
        ids = await self.saq.redis.zrange(self.saq.namespace("incomplete"), 0, -1)
        keys = [self.saq.job_key_from_id(raw.decode()) for raw in ids]
        return [job for job in await self.saq.jobs(keys) if job is not None]

    async def tasks(self, kind: TaskKind) -> list[TaskView]:
        if kind == "pending":
            # A schedule's next tick waits in the queue too; it is shown as scheduled instead.
            jobs = [job for job in await self._incomplete() if not is_waiting_tick(job)]
        else:
            jobs = [job async for job in self.saq.iter_jobs(statuses=[Status.FAILED])]
        return sorted((view_of(job) for job in jobs), key=lambda view: view.queued)

    async def remove(self, kind: TaskKind, keys: set[str]) -> int:
        removed = 0
        for job in await self.saq.jobs(sorted(keys)):
            if job is None:
                continue
            if kind == "failed" and job.status == Status.FAILED:
                await self.saq.redis.delete(job.id)
                removed += 1
            elif kind == "pending" and job.status in (Status.QUEUED, Status.ACTIVE):
                await self.saq.abort(job, "Deleted from the pending tasks.")
                removed += 1
        return removed

    async def schedules(self) -> list[ScheduleView]:
        now = datetime.now(UTC)
        views = []
        for schedule in self.registry.schedules:
            previous = int(croniter(schedule.cron, now).get_prev())
            job = await self.saq.job(tick_key(schedule, previous))
            last = moment(job.completed) if job is not None and job.completed else None
            views.append(
                ScheduleView(
                    schedule.name,
                    schedule.cron,
                    croniter(schedule.cron, now).get_next(datetime),
                    last,
                    job is None or job.status != Status.FAILED,
                )
            )
        return views

    async def figures(self) -> QueueFigures:
        try:
            info = await self.saq.info()
        except (OSError, RedisError) as error:
            raise Unavailable(f"Queue unreachable: {type(error).__name__}") from None
        return QueueFigures(workers=len(info["workers"]), pending=info["queued"])

    async def ping(self) -> None:
        try:
            await self.saq.redis.ping()  # type: ignore[misc]  # redis-py types it sync or async
        except (OSError, RedisError) as error:
            raise Unavailable(f"Queue unreachable: {type(error).__name__}") from None

    async def close(self) -> None:
        try:
            await self.saq.disconnect()
        except (OSError, RedisError):
            # Out of reach: its subscriptions cannot be ended, only its connections closed.
            await self.saq.redis.aclose()


def tick_key(schedule: Schedule, tick: int) -> str:
    return f"{CRON_PREFIX}{schedule.name}:{tick}"


def is_waiting_tick(job: Job) -> bool:
    return job.key.startswith(CRON_PREFIX) and job.status == Status.QUEUED and job.started == 0
