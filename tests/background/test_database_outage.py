"""A job whose database is down fails, is retried with backoff, and completes once the database is
back, importing each row once: the importer's accept_rows job, submitted while the tenant's
database refuses work (SQLite: another connection holds the write lock; PostgreSQL: the database
refuses connections and its open ones are ended), for a selection half of which a request already
imported (as a job cut short and run again would find it)."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar

from storeroom.app import create_app
from storeroom.importer.commit import row_ranges
from storeroom.importer.jobs import ACCEPT_ROWS
from tests.background.conftest import COMBINATIONS, database, queue_of_app, settings_for
from tests.conftest import _admin_engine, started, token_for
from tests.importer.conftest import make_category, processed_session, rows_of

ROWS = 300
OUTAGE_SECONDS = 3.0
CSV = "Name,IPN,Category\n" + "".join(f"Part {n},OUT-{n},Outage\n" for n in range(ROWS))


@contextmanager
def database_down(app: Litestar, url: str) -> Iterator[None]:
    if not url:
        path = app.state.api.databases.tenant_files.path("default")
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    name = sa.make_url(url).database
    with _admin_engine().connect() as connection:
        connection.execute(sa.text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false'))
        connection.execute(
            sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid()"
            ),
            {"name": name},
        )
    try:
        yield
    finally:
        with _admin_engine().connect() as connection:
            connection.execute(sa.text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true'))


async def session_when(client: httpx.AsyncClient, pk: int, check: Any) -> dict[str, Any]:
    deadline = time.monotonic() + 90
    while True:
        response = await client.get(f"/api/importer/session/{pk}/")
        if response.status_code == 200 and check(body := response.json()):
            return body
        # A request may meet a connection the outage ended (the pool replaces it).
        assert time.monotonic() < deadline, response.text
        await asyncio.sleep(0.1)


@pytest.mark.parametrize("combination", COMBINATIONS, ids=lambda pair: "-".join(pair))
async def test_a_job_retries_while_its_database_is_down_and_completes_once_it_is_back(
    combination: tuple[str, str], tmp_path: Path
) -> None:
    database_kind, queue_kind = combination
    with database(database_kind) as url:
        settings = settings_for(
            tmp_path, url, queue_kind, job_retries=8, sqlite_busy_timeout_ms=100
        )
        app = create_app(settings)
        async with started(app) as client:
            client.headers["Authorization"] = f"Token {await token_for(client, 'admin')}"
            await make_category(client, "Outage")
            session = await processed_session(client, CSV)
            pk = session["pk"]
            ids = [row["pk"] for row in await rows_of(client, pk)]
            first = await client.post(
                f"/api/importer/session/{pk}/accept_rows/", json={"rows": ids[: ROWS // 2]}
            )
            assert first.status_code == 201, first.text
            with database_down(app, url):
                job = {"account": "default", "session": pk, "rows": row_ranges(ids)}
                await queue_of_app(app).submit(ACCEPT_ROWS, job)
                await asyncio.sleep(OUTAGE_SECONDS)
                # Read from the queue, not the API: the database is down.
                pending = await queue_of_app(app).tasks("pending")
                [waiting] = [task for task in pending if task.function == ACCEPT_ROWS]
                assert waiting.attempts >= 2
            done = await session_when(client, pk, lambda body: body["status"] == 40)
            assert (done["completed_row_count"], done["error"]) == (ROWS, None)
            names = [part["name"] for part in (await client.get("/api/part/")).json()]
            assert sorted(names) == sorted(f"Part {n}" for n in range(ROWS))
            failed = (await client.get("/api/background-task/failed/")).json()
            assert [task for task in failed if task["func"] == ACCEPT_ROWS] == []
