"""The importer's background work behind one small interface, `Jobs.submit(job_name, args)`.

`InProcessJobs` runs each job as a task of this process (the embedded default); `RedisJobs` puts
it on a Redis list that every worker process takes jobs from (settings.import_queue_url), so any
worker may run what another accepted. Each step keeps a heartbeat on its session; a sweep (at
start-up, then every minute) resumes sessions at 0 or 20 whose heartbeat stopped — a server killed
mid-import — by running their step again from the file.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import msgspec
import redis.asyncio as redis
import sqlalchemy as sa

from storeroom.api.context import ApiContext
from storeroom.importer import ingest
from storeroom.importer.tables import import_session_table

logger = logging.getLogger("storeroom.importer")

QUEUE_KEY = "storeroom:importer:jobs"
STALE_AFTER = timedelta(seconds=30)
SWEEP_SECONDS = 60.0
STEPS = {0: "read_header", 20: "create_rows"}
# A session resumed this many times without finishing is failed instead: its step is what stops
# the server (a file that exhausts memory), and resuming it again would stop it again.
MAX_RESUMES = 3
STOPPED_TOO_OFTEN = (
    f"The import was cut short {MAX_RESUMES} times while it ran (the server stopped); "
    "it is not resumed again. Check the file, or upload it again."
)

Runner = Callable[[str, dict[str, Any]], Coroutine[Any, Any, None]]


class Jobs(Protocol):
    async def submit(self, job_name: str, args: dict[str, Any]) -> None: ...


class InProcessJobs:
    def __init__(self, run: Runner) -> None:
        self.run = run
        self.tasks: set[asyncio.Task[None]] = set()

    async def submit(self, job_name: str, args: dict[str, Any]) -> None:
        task = asyncio.create_task(self.run(job_name, args), name=f"importer-{job_name}")
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def close(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


class RedisJobs:
    """A Redis list as the queue; each process runs one taker while it lives. The list is named
    after the deployment's database, so deployments sharing a Redis never take each other's jobs."""

    def __init__(self, url: str, deployment: str, run: Runner) -> None:
        self.client = redis.from_url(url)
        self.key = f"{QUEUE_KEY}:{hashlib.sha256(deployment.encode()).hexdigest()[:16]}"
        self.run = run
        self.taker: asyncio.Task[None] | None = None

    async def submit(self, job_name: str, args: dict[str, Any]) -> None:
        await self.client.rpush(self.key, msgspec.json.encode({"job": job_name, "args": args}))

    def start(self) -> None:
        self.taker = asyncio.create_task(self._take(), name="importer-queue")

    async def _take(self) -> None:
        while True:
            found = await self.client.blpop([self.key], timeout=1)
            if found is None:
                continue
            job = msgspec.json.decode(found[1])
            await self.run(job["job"], job["args"])

    async def close(self) -> None:
        if self.taker is not None:
            self.taker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.taker
        await self.client.aclose()


def runner(context: ApiContext) -> Runner:
    async def run(job_name: str, args: dict[str, Any]) -> None:
        account, pk = str(args["account"]), int(args["session"])
        steps = {"read_header": ingest.read_header, "create_rows": ingest.create_rows}
        # The job runner: a step that fails leaves its session failed, with the reason.
        try:
            await steps[job_name](context.databases, context.settings, account, pk)
        except Exception as error:
            logger.exception("Importer job %s failed for session %s", job_name, pk)
            await ingest.fail(context.databases, account, pk, f"The import failed: {error}")

    return run


async def resume_stale(context: ApiContext, jobs: Jobs) -> int:
    """Run again the step of every session whose heartbeat stopped; answers how many."""
    resumed = 0
    cutoff = datetime.now(UTC) - STALE_AFTER
    table = import_session_table
    for account in sorted(context.tenants.ready):
        async with context.databases.tenant_transaction(account) as connection:
            stale = (
                await connection.execute(
                    sa.select(
                        table.c.id, table.c.status, table.c.heartbeat, table.c.stored_file
                    ).where(table.c.status.in_(list(STEPS)), table.c.heartbeat < cutoff)
                )
            ).all()
            claimed = []
            for pk, status, heartbeat, stored in stale:
                # Claimed by moving the heartbeat: of two sweeping workers only one succeeds.
                result = await connection.execute(
                    sa.update(table)
                    .where(table.c.id == pk, table.c.heartbeat == heartbeat)
                    .values(heartbeat=datetime.now(UTC))
                )
                if result.rowcount:
                    claimed.append((pk, status, stored))
        for pk, status, stored in claimed:
            if count_resume(context.settings.data_dir / stored) > MAX_RESUMES:
                logger.error("Importer session %s of %s stopped too often: failed", pk, account)
                await ingest.fail(context.databases, account, pk, STOPPED_TOO_OFTEN)
                continue
            logger.warning("Resuming importer session %s of %s at status %s", pk, account, status)
            await jobs.submit(STEPS[status], {"account": account, "session": pk})
            resumed += 1
    return resumed


def resume_counter(stored: Path) -> Path:
    return stored.with_name(stored.name + ".resumed")


def count_resume(stored: Path) -> int:
    """How many times a session's file has been resumed, this time included. Kept beside the
    file (no database write that a crash could roll back), so it counts across restarts."""
    counter = resume_counter(stored)
    try:
        count = int(counter.read_text() or 0) + 1
    except (OSError, ValueError):
        count = 1
    with contextlib.suppress(OSError):
        counter.write_text(str(count))
    return count


async def sweep(context: ApiContext, jobs: Jobs) -> None:
    while True:
        try:
            await resume_stale(context, jobs)
        except Exception:
            logger.exception("The importer's sweep for stopped sessions failed")
        await asyncio.sleep(SWEEP_SECONDS)


@asynccontextmanager
async def importer_jobs(context: ApiContext) -> AsyncIterator[Jobs]:
    """The job backend the settings choose, running while the block runs."""
    url = context.settings.import_queue_url
    backend: InProcessJobs | RedisJobs
    if url:
        settings = context.settings
        deployment = settings.database_url or str(settings.data_dir.resolve())
        backend = RedisJobs(url, deployment, runner(context))
        backend.start()
    else:
        backend = InProcessJobs(runner(context))
    sweeper = asyncio.create_task(sweep(context, backend), name="importer-sweep")
    try:
        yield backend
    finally:
        sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweeper
        await backend.close()
