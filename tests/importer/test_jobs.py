"""The job backends for real: the Redis queue, and resuming a session whose server was killed."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from storeroom.app import create_app
from storeroom.importer.jobs import MAX_RESUMES, STOPPED_TOO_OFTEN, resume_counter, resume_stale
from storeroom.importer.tables import import_session_table
from storeroom.settings import Settings
from tests.background.conftest import queue_of_app
from tests.conftest import Client, started, token_for
from tests.importer.conftest import mapped_session, processed_session, rows_of, wait_for

# Like PostgreSQL, Redis is tested when a server is named: `.ci/run` names the local one. Start
# one with `redis-server --daemonize yes` and set STOREROOM_TEST_REDIS_URL=redis://127.0.0.1:6379/0.
REDIS_URL = os.environ.get("STOREROOM_TEST_REDIS_URL", "")


async def signed_in(client: Client) -> Client:
    client.headers["Authorization"] = f"Token {await token_for(client, 'admin')}"
    return client


@pytest.mark.skipif(not REDIS_URL, reason="set STOREROOM_TEST_REDIS_URL to test the Redis queue")
async def test_the_redis_queue_runs_the_steps(
    make_settings: Callable[..., Settings], anonymous_factory: Any
) -> None:
    # An idle worker waits out its grace period when the app stops: 1 s, not 30.
    settings = make_settings(import_queue_url=REDIS_URL, worker_grace_seconds=1)
    client = await signed_in(await anonymous_factory(settings))
    session = await processed_session(client, "Name\nBolt\nNut\n")
    assert (session["status"], session["row_count"]) == (30, 2)


async def test_a_session_cut_short_is_resumed_on_restart(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    async with started(create_app(settings)) as client:
        await signed_in(client)
        session = await processed_session(client, "Name\nBolt\nNut\n")
    # As a server killed mid-step leaves it: at 20, part of the rows made, no heartbeat.
    app = create_app(settings)
    async with (
        started(app),
        app.state.api.databases.tenant_transaction("default") as connection,
    ):
        await connection.execute(
            sa.update(import_session_table).values(
                status=20, row_count=1, heartbeat=datetime.now(UTC) - timedelta(hours=1)
            )
        )
    async with started(create_app(settings)) as client:
        await signed_in(client)
        resumed = await wait_for(client, session["pk"], {30, 40})
        assert (resumed["status"], resumed["row_count"]) == (30, 2)
        rows = await rows_of(client, session["pk"])
        assert [row["row_data"]["Name"] for row in rows] == ["Bolt", "Nut"]


async def test_a_session_cut_short_too_often_is_failed_instead_of_resumed(
    make_settings: Callable[..., Settings],
) -> None:
    app = create_app(make_settings())
    async with started(app) as client:
        await signed_in(client)
        session = await mapped_session(client, "Name\nBolt\n")
        context = app.state.api
        for _ in range(MAX_RESUMES + 1):
            # As a server killed while reading the file leaves it, each time.
            async with context.databases.tenant_transaction("default") as connection:
                await connection.execute(
                    sa.update(import_session_table).values(
                        status=0, heartbeat=datetime.now(UTC) - timedelta(hours=1)
                    )
                )
            await resume_stale(context, queue_of_app(app))
            stopped = await wait_for(client, session["pk"], {10, 40})
        assert stopped["status"] == 40
        assert stopped["error"] == STOPPED_TOO_OFTEN


async def test_deleting_a_resumed_session_removes_its_resume_count(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    app = create_app(settings)
    async with started(app) as client:
        await signed_in(client)
        session = await mapped_session(client, "Name\nBolt\n")
        async with app.state.api.databases.tenant_transaction("default") as connection:
            stored = (
                await connection.execute(sa.select(import_session_table.c.stored_file))
            ).scalar()
            await connection.execute(
                sa.update(import_session_table).values(
                    status=0, heartbeat=datetime.now(UTC) - timedelta(hours=1)
                )
            )
        await resume_stale(app.state.api, queue_of_app(app))
        await wait_for(client, session["pk"], {10, 40})
        counter = resume_counter(settings.data_dir / stored)
        assert counter.read_text() == "1"
        assert (await client.delete(f"/api/importer/session/{session['pk']}/")).status_code == 204
        assert not counter.exists()
