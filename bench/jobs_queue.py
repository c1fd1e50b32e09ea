"""Jobs per second through the background queue (issue 15): no-op jobs submitted as fast as one
process can, and importer chunks (the importer's accept_rows job, one chunk of 5,000 part rows
each, staged as validated rows of a session), run by the in-process queue of the embedded default,
and by SAQ on Redis with one worker of --concurrency jobs at once (in this process, so the figure
is the queue's, not the process start's). SQLite in a scratch folder, or --database-url.

    .venv/bin/python bench/jobs_queue.py [--jobs 5000] [--chunks 20] [--concurrency 10]
        [--redis URL] [--database-url postgresql://...]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

# Starting the platform builds the tenant tables from the declarations: all of them imported.
import storeroom.app  # noqa: F401
from storeroom.api.context import ApiContext
from storeroom.api.startup import start_platform
from storeroom.background.local import local_queue
from storeroom.background.queue import Registry, Runtime, TaskQueue
from storeroom.background.redis_queue import SaqQueue
from storeroom.background.worker import worker_in_process
from storeroom.importer import jobs as importer_jobs
from storeroom.importer.commit import CHUNK_ROWS, row_ranges
from storeroom.importer.tables import import_row_table, import_session_table
from storeroom.settings import load_settings

ROWS = import_row_table
DONE: list[int] = []
EXPECTED: list[int] = [0]
FINISHED = asyncio.Event()


async def noop(runtime: Runtime, **kwargs: object) -> None:
    DONE.append(1)
    if len(DONE) >= EXPECTED[0]:
        FINISHED.set()


REGISTRY = Registry({"bench.noop": noop, **importer_jobs.JOBS})


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


async def staged_session(context: ApiContext, account: str, rows: int) -> tuple[int, list[int]]:
    """A part session at status 30 with `rows` validated rows, as accept_fields leaves one."""
    now = datetime.now(UTC)
    async with context.databases.tenant_transaction(account) as connection:
        created = await connection.execute(
            sa.insert(import_session_table).values(
                timestamp=now, heartbeat=now, model_type="part", status=30, data_file="bench.csv",
                stored_file="imports/bench.csv", row_count=rows,
            )
        )  # fmt: skip
        pk = int(created.inserted_primary_key[0])  # type: ignore[index]
        first = await connection.scalar(sa.select(sa.func.coalesce(sa.func.max(ROWS.c.id), 0)))
        await connection.execute(
            sa.insert(ROWS),
            [
                {
                    "id": first + 1 + index, "session": pk, "row_index": index,
                    "row_data": {}, "valid": True, "complete": False,
                    "data": {"name": f"Bench {pk}-{index}", "description": f"Row {index}"},
                }
                for index in range(rows)
            ],
        )  # fmt: skip
    return pk, list(range(first + 1, first + 1 + rows))


async def chunks_through(queue: TaskQueue, context: ApiContext, chunks: int) -> float:
    """Importer chunks completed per second."""
    account = context.settings.default_tenant
    pk, ids = await staged_session(context, account, chunks * CHUNK_ROWS)
    table = import_session_table
    start = time.perf_counter()
    # One job per chunk; on SQLite one job for them all, as accept_rows submits them there (one
    # writer: chunk jobs at once only wait for each other's lock, past the busy timeout).
    size = len(ids) if context.databases.is_sqlite else CHUNK_ROWS
    for first in range(0, len(ids), size):
        batch = row_ranges(ids[first : first + size])
        await queue.submit(
            importer_jobs.ACCEPT_ROWS, {"account": account, "session": pk, "rows": batch}
        )
    while True:
        async with context.databases.tenant_transaction(account) as connection:
            done = await connection.scalar(
                sa.select(table.c.completed_row_count).where(table.c.id == pk)
            )
        if done == len(ids):
            return chunks / (time.perf_counter() - start)
        await asyncio.sleep(0.02)


def rows_per_second(chunk_rate: float) -> str:
    return f"{chunk_rate * CHUNK_ROWS:,.0f} rows/s"


async def main(jobs: int, chunks: int, concurrency: int, redis_url: str, database_url: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(
            environ={},
            data_dir=Path(folder),
            log_level="WARNING",
            queue_url=redis_url,
            database_url=database_url,
            currency_refresh_hours=0.0,
        )
        async with start_platform(settings) as context:
            async with local_queue(context, REGISTRY) as local:
                rates = await through(local, jobs)
                chunk_rate = await chunks_through(local, context, chunks)
            print(f"in-process  no-op submit {rates[0]:9.0f}/s  done {rates[1]:9.0f}/s")
            print(
                f"in-process  importer chunks {chunk_rate:6.2f}/s ({rows_per_second(chunk_rate)})"
            )
            if redis_url:
                queue = SaqQueue(settings, REGISTRY)
                async with worker_in_process(context, queue, REGISTRY, concurrency):
                    rates = await through(queue, jobs)
                    chunk_rate = await chunks_through(queue, context, chunks)
                await queue.close()
                print(f"saq/redis   no-op submit {rates[0]:9.0f}/s  done {rates[1]:9.0f}/s")
                rows = rows_per_second(chunk_rate)
                print(f"saq/redis   importer chunks {chunk_rate:6.2f}/s ({rows})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=5000)
    parser.add_argument("--chunks", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--database-url", default="")
    arguments = parser.parse_args()
    asyncio.run(
        main(
            arguments.jobs,
            arguments.chunks,
            arguments.concurrency,
            arguments.redis,
            arguments.database_url,
        )
    )
