"""One started deployment per test module and combination: the embedded default (jobs in the
process) on SQLite and PostgreSQL, and SAQ on Redis with PostgreSQL (SQLite without PostgreSQL)
when STOREROOM_TEST_REDIS_URL names a server. Jobs of the tests' own join the real ones."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar

from storeroom.api.context import Started
from storeroom.app import BACKGROUND, create_app
from storeroom.background.queue import Registry, Runtime, Schedule, TaskQueue
from storeroom.settings import Settings, load_settings
from tests.conftest import (
    DATABASES,
    PASSWORD,
    POSTGRES_URL,
    _admin_engine,
    make_user_in,
    started,
    token_for,
)

REDIS_URL = os.environ.get("STOREROOM_TEST_REDIS_URL", "")
COMBINATIONS = [(database, "local") for database in DATABASES]
if REDIS_URL:
    COMBINATIONS.append((DATABASES[-1], "redis"))

FAILURE = "The probe failed on purpose."


async def failing(runtime: Runtime, **kwargs: Any) -> None:
    raise RuntimeError(FAILURE)


async def waiting(runtime: Runtime, **kwargs: Any) -> None:
    await asyncio.sleep(float(kwargs.get("seconds", 60)))


# The seconds in which the tick schedule ran, in this test process (all apps and workers).
TICKS: list[int] = []


async def ticking(runtime: Runtime) -> None:
    TICKS.append(int(time.time()))


TEST_JOBS = {"tests.fail": failing, "tests.wait": waiting, "tests.tick": ticking}
REGISTRY = Registry({**BACKGROUND.jobs, **TEST_JOBS}, BACKGROUND.schedules, BACKGROUND.at_start)
# Every second: the schedule tests count the seconds.
EVERY_SECOND = Registry({**BACKGROUND.jobs, **TEST_JOBS}, (Schedule("tests.tick", "* * * * * *"),))


@contextmanager
def database(kind: str) -> Iterator[str]:
    """An empty database URL for `kind` ('' for SQLite in data_dir), dropped afterwards."""
    if kind == "sqlite":
        yield ""
        return
    name = f"storeroom_background_{uuid.uuid4().hex[:10]}"
    with _admin_engine().connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield str(sa.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(False))
    with _admin_engine().connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def settings_for(data_dir: Path, url: str, queue: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": url,
        "admin_password": PASSWORD,
        "count_cache_seconds": 0.0,
        "currency_refresh_hours": 0.0,
        "log_level": "WARNING",
        "queue_url": REDIS_URL if queue == "redis" else "",
        "job_retries": 2,
        "worker_sweep_seconds": 1,
        "job_heartbeat_seconds": 3,
        "worker_grace_seconds": 10,
        **overrides,
    }
    return load_settings(environ={}, **values)


def queue_of_app(app: Litestar) -> TaskQueue:
    """The queue a started application's handlers reach through their context."""
    started: Started = app.started  # type: ignore[attr-defined]
    return started.service(TaskQueue)  # type: ignore[type-abstract]


@dataclass
class Deployment:
    app: Litestar
    queue_kind: str
    clients: dict[str, httpx.AsyncClient]

    @property
    def queue(self) -> TaskQueue:
        return queue_of_app(self.app)

    async def submit(self, job_name: str, **kwargs: Any) -> None:
        await self.queue.submit(job_name, kwargs)


@pytest.fixture(scope="module", params=COMBINATIONS, ids=lambda pair: "-".join(pair))
async def deployment(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Deployment]:
    database_kind, queue_kind = request.param
    with database(database_kind) as url:
        settings = settings_for(tmp_path_factory.mktemp("background"), url, queue_kind)
        app = create_app(settings, background=REGISTRY)
        async with started(app) as admin:
            await make_user_in(app, "clerk")
            await make_user_in(app, "stranger", account="other", is_staff=True)
            clients = {"admin": admin}
            for username in ("clerk", "stranger"):
                client = httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
                )
                client.headers["Authorization"] = f"Token {await token_for(admin, username)}"
                clients[username] = client
            admin.headers["Authorization"] = f"Token {await token_for(admin, 'admin')}"
            yield Deployment(app, queue_kind, clients)
            for username in ("clerk", "stranger"):
                await clients[username].aclose()


async def eventually(client: httpx.AsyncClient, path: str, check: Any, seconds: float = 15) -> Any:
    """The body of GET `path` once `check(body)` holds."""
    deadline = time.monotonic() + seconds
    while True:
        response = await client.get(path)
        assert response.status_code == 200, response.text
        body = response.json()
        if check(body) or time.monotonic() > deadline:
            return body
        await asyncio.sleep(0.1)
