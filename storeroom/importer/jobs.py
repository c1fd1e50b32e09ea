"""The importer's background work as job functions of the queue (storeroom/background/): reading a
session's header, creating its rows and importing a large selection of accepted rows, each run by
whichever worker takes it, and the sweep (a schedule, once per deployment) that resumes sessions at
0 or 20 whose heartbeat stopped.

Each step starts over from the file, so a step that runs again (a retry, or a worker killed
mid-step whose job another worker took) leaves the same rows as one run. A step that fails is
retried with backoff; only its last attempt leaves the session failed, with the reason. Accepted
rows are imported chunk by chunk, each chunk claiming its rows in its own transaction: a job run
again imports only the rows no run has committed (commit.py), and a failure that outlives its
retries is left on the session as its error, the rows not imported still there to accept again.
A request submits one job per step (accept.py); a large selection's job shares itself out here.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa

from storeroom.api.context import ApiContext
from storeroom.background.queue import JobFunction, Runtime, Schedule
from storeroom.db.engines import Databases
from storeroom.db.tenant_db import TenantDb
from storeroom.importer import commit, ingest
from storeroom.importer.tables import import_session_table
from storeroom.models.registry import BY_MODEL_TYPE
from storeroom.settings import Settings

logger = logging.getLogger("storeroom.importer")

STALE_AFTER = timedelta(seconds=30)
READ_HEADER = "importer.read_header"
CREATE_ROWS = "importer.create_rows"
ACCEPT_ROWS = "importer.accept_rows"
SWEEP = "importer.sweep"
STEPS = {0: READ_HEADER, 20: CREATE_ROWS}
# A job's share of a large selection on PostgreSQL: ten chunks, so that several workers share one
# import. SQLite has one writer: its selection is one job, whose chunks would wait for each other's
# lock in any case (and jobs that waited longer than the busy timeout would fail).
JOB_ROWS = 10 * commit.CHUNK_ROWS
# A session resumed this many times without finishing is failed instead: its step is what stops
# the server (a file that exhausts memory), and resuming it again would stop it again.
MAX_RESUMES = 3
STOPPED_TOO_OFTEN = (
    f"The import was cut short {MAX_RESUMES} times while it ran (the server stopped); "
    "it is not resumed again. Check the file, or upload it again."
)

Step = Callable[[Databases, Settings, str, int], Awaitable[None]]


class Jobs(Protocol):
    async def submit(self, job_name: str, args: dict[str, Any]) -> None: ...


async def run_step(step: Step, runtime: Runtime, account: str, session: int) -> None:
    context = runtime.context
    # The job runner: the last attempt of a failing step leaves its session failed, with the
    # reason; the error goes on to the queue, which keeps the job as failed.
    try:
        await step(context.databases, context.settings, account, session)
    except Exception as error:
        if runtime.is_last_attempt:
            logger.exception("Importer step failed for session %s of %s", session, account)
            await ingest.fail(context.databases, account, session, f"The import failed: {error}")
        raise


async def read_header(runtime: Runtime, account: str, session: int) -> None:
    await run_step(ingest.read_header, runtime, account, session)


async def create_rows(runtime: Runtime, account: str, session: int) -> None:
    await run_step(ingest.create_rows, runtime, account, session)


async def accept_rows(runtime: Runtime, account: str, session: int, rows: list[list[int]]) -> None:
    """Import accepted rows (`rows` as runs of ids, commit.row_ranges) chunk by chunk; on
    PostgreSQL a selection of more than JOB_ROWS is shared out as jobs of JOB_ROWS instead."""
    context = runtime.context
    found = await ingest.load_session(context.databases, account, session)
    if found is None:
        return
    selected = commit.rows_in(rows)
    if len(selected) > JOB_ROWS and not context.databases.is_sqlite:
        await share_rows(runtime.queue, account, session, selected)
        return
    tenant = TenantDb(account, context.databases, context.reader)
    try:
        await commit.import_rows(tenant, session, found.model_type, selected)
    except Exception as error:
        if runtime.is_last_attempt:
            logger.exception("Accepted rows failed for session %s of %s", session, account)
            message = f"Rows could not be imported: {error}"
            await ingest.set_state(context.databases, account, session, error=message)
        raise
    finally:
        # This process's counts; other processes' show the new objects within their cache time.
        context.counts.invalidate(account, BY_MODEL_TYPE[found.model_type].table.name)


async def share_rows(jobs: Jobs, account: str, session: int, rows: list[int]) -> None:
    """Several workers share one import. Submitted again when this job is retried: a row that a
    first copy of its job imported is claimed, so a second copy skips it (commit.py)."""
    for start in range(0, len(rows), JOB_ROWS):
        batch = commit.row_ranges(rows[start : start + JOB_ROWS])
        await jobs.submit(ACCEPT_ROWS, {"account": account, "session": session, "rows": batch})


async def sweep(runtime: Runtime) -> None:
    await resume_stale(runtime.context, runtime.queue)


JOBS: dict[str, JobFunction] = {
    READ_HEADER: read_header,
    CREATE_ROWS: create_rows,
    ACCEPT_ROWS: accept_rows,
    SWEEP: sweep,
}
SCHEDULES = (Schedule(SWEEP, "* * * * *"),)


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
