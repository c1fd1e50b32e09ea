"""The embedded default: every job runs as a task of this process, with the same job functions,
retries, backoff and timeout a worker gives them. Failed jobs are kept in memory (the last
MAX_FAILED), so `/api/background-task/failed/` shows them until the process stops.

Schedules run in the one process that holds the deployment's schedule lock (a file lock in
data_dir): `storeroom serve --workers N` on SQLite runs each schedule once, not N times.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import traceback
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

from croniter import croniter

from storeroom.api.context import ApiContext
from storeroom.background.queue import (
    QueueFigures,
    Registry,
    Runtime,
    Schedule,
    ScheduleView,
    TaskKind,
    TaskView,
)

logger = logging.getLogger("storeroom.background")
MAX_FAILED = 1000
LOCK_RETRY_SECONDS = 60.0


def retry_delay(attempt: int) -> float:
    """Exponential backoff: 1, 2, 4 ... seconds, at most a minute."""
    return float(min(60, 2 ** (attempt - 1)))


class LocalQueue:
    def __init__(self, context: ApiContext, registry: Registry) -> None:
        self.context = context
        self.registry = registry
        self.retries = max(1, context.settings.job_retries)
        self.timeout = context.settings.job_timeout_seconds
        self.pending: dict[str, TaskView] = {}
        self.failed: deque[TaskView] = deque(maxlen=MAX_FAILED)
        self.running: dict[str, asyncio.Task[bool]] = {}
        self.last_runs: dict[str, tuple[datetime, bool]] = {}
        self.holds_schedules = False

    async def submit(self, job_name: str, args: dict[str, Any]) -> None:
        if job_name not in self.registry.jobs:
            raise ValueError(f"No background job {job_name}")
        view = TaskView(uuid4().hex, job_name, dict(args), datetime.now(UTC))
        self.pending[view.key] = view
        task = asyncio.create_task(self.run(view), name=f"job-{job_name}")
        self.running[view.key] = task
        task.add_done_callback(lambda _task: self.running.pop(view.key, None))

    async def run(self, view: TaskView) -> bool:
        """Every attempt of one job; answers whether it completed."""
        function = self.registry.jobs[view.function]
        for attempt in range(1, self.retries + 1):
            started = datetime.now(UTC)
            self.pending[view.key] = view = replace(view, started=started, attempts=attempt)
            runtime = Runtime(self.context, self, is_last_attempt=attempt == self.retries)
            # The job runner: a job that fails is retried, and kept with its error at the last.
            try:
                await asyncio.wait_for(function(runtime, **view.kwargs), self.timeout or None)
            except Exception:
                error = traceback.format_exc()
                logger.exception("Job %s failed (attempt %s)", view.function, attempt)
                if attempt == self.retries:
                    self.pending.pop(view.key, None)
                    stopped = datetime.now(UTC)
                    self.failed.append(replace(view, stopped=stopped, error=error))
                    return False
                await asyncio.sleep(retry_delay(attempt))
            else:
                self.pending.pop(view.key, None)
                return True
        return False

    async def tasks(self, kind: TaskKind) -> list[TaskView]:
        return list(self.pending.values()) if kind == "pending" else list(self.failed)

    async def remove(self, kind: TaskKind, keys: set[str]) -> int:
        if kind == "failed":
            kept = [view for view in self.failed if view.key not in keys]
            removed = len(self.failed) - len(kept)
            self.failed.clear()
            self.failed.extend(kept)
            return removed
        removed = 0
        for key in keys & set(self.pending):
            self.pending.pop(key, None)
            task = self.running.get(key)
            if task is not None:
                task.cancel()
            removed += 1
        return removed

    async def schedules(self) -> list[ScheduleView]:
        now = datetime.now(UTC)
        views = []
        for schedule in self.registry.schedules:
            last = self.last_runs.get(schedule.name)
            upcoming = croniter(schedule.cron, now).get_next(datetime)
            views.append(
                ScheduleView(
                    schedule.name,
                    schedule.cron,
                    upcoming,
                    last[0] if last else None,
                    last[1] if last else True,
                )
            )
        return views

    async def figures(self) -> QueueFigures:
        return QueueFigures(workers=1, pending=len(self.pending))

    async def ping(self) -> None:
        return None

    async def close(self) -> None:
        for task in list(self.running.values()):
            task.cancel()
        await asyncio.gather(*self.running.values(), return_exceptions=True)

    async def run_schedule(self, schedule: Schedule) -> None:
        while True:
            now = datetime.now(UTC)
            upcoming: datetime = croniter(schedule.cron, now).get_next(datetime)
            await asyncio.sleep((upcoming - now).total_seconds())
            view = TaskView(uuid4().hex, schedule.name, {}, datetime.now(UTC))
            self.pending[view.key] = view
            self.last_runs[schedule.name] = (datetime.now(UTC), await self.run(view))


def schedule_lock(data_dir: Path) -> int | None:
    """The deployment's schedule lock, or None while another process holds it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    handle = os.open(data_dir / "schedules.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        return None
    return handle


async def keep_schedules(queue: LocalQueue) -> None:
    """Wait for the schedule lock, then run every schedule while this process lives."""
    handle = schedule_lock(queue.context.settings.data_dir)
    while handle is None:
        await asyncio.sleep(LOCK_RETRY_SECONDS)
        handle = schedule_lock(queue.context.settings.data_dir)
    queue.holds_schedules = True
    try:
        await asyncio.gather(*(queue.run_schedule(item) for item in queue.registry.schedules))
    finally:
        os.close(handle)


@asynccontextmanager
async def local_queue(context: ApiContext, registry: Registry) -> AsyncIterator[LocalQueue]:
    queue = LocalQueue(context, registry)
    keeper = asyncio.create_task(keep_schedules(queue), name="schedules")
    try:
        yield queue
    finally:
        keeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await keeper
        await queue.close()
