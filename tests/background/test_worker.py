"""`storeroom worker` processes on Redis, as an operator runs them beside a web-only server: a job
whose worker is killed (SIGKILL) mid-way is completed by another worker, once in effect; SIGTERM
lets the running job finish before the worker exits."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from storeroom.app import create_app
from tests.background.conftest import REDIS_URL, database, settings_for
from tests.conftest import DATABASES, started, token_for
from tests.importer.conftest import mapped_session

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="set STOREROOM_TEST_REDIS_URL")
ROWS = 20_000
CSV = "Name,Description\n" + "".join(f"Part {index},Row {index}\n" for index in range(ROWS))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workers")


@pytest.fixture(scope="module")
async def web(data_dir: Path) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, str]]]:
    """A web-only server (no worker inside) and the variables its workers run with."""
    with database(DATABASES[-1]) as url:
        settings = settings_for(data_dir, url, "redis", worker_in_web=False)
        async with started(create_app(settings)) as client:
            client.headers["Authorization"] = f"Token {await token_for(client, 'admin')}"
            variables = {
                "STOREROOM_DATA_DIR": str(data_dir),
                "STOREROOM_DATABASE_URL": url,
                "STOREROOM_QUEUE_URL": REDIS_URL,
                "STOREROOM_JOB_HEARTBEAT_SECONDS": "2",
                "STOREROOM_WORKER_SWEEP_SECONDS": "1",
                "STOREROOM_WORKER_GRACE_SECONDS": "60",
                "STOREROOM_CURRENCY_REFRESH_HOURS": "0",
                "STOREROOM_LOG_LEVEL": "WARNING",
            }
            yield client, variables


@contextmanager
def worker(variables: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    environment = {name: value for name, value in os.environ.items() if "STOREROOM_" not in name}
    process = subprocess.Popen(
        [sys.executable, "-m", "storeroom", "worker", "--concurrency", "2"],
        env=environment | variables,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        if process.stdout:
            process.stdout.close()


async def session_of(client: httpx.AsyncClient, pk: int) -> dict[str, Any]:
    response = await client.get(f"/api/importer/session/{pk}/")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def until(client: httpx.AsyncClient, pk: int, check: Any, seconds: float = 60) -> Any:
    deadline = time.monotonic() + seconds
    while not check(session := await session_of(client, pk)):
        assert time.monotonic() < deadline, session
        await asyncio.sleep(0.05)
    return session


async def rows_stored(client: httpx.AsyncClient, pk: int) -> int:
    response = await client.get(f"/api/importer/row/?session={pk}&limit=1")
    assert response.status_code == 200, response.text
    return int(response.json()["count"])


async def creating_rows(client: httpx.AsyncClient, variables: dict[str, str]) -> int:
    """A session whose rows are being created by a worker (some stored, not all)."""
    session = await mapped_session(client, CSV)
    accepted = await client.post(f"/api/importer/session/{session['pk']}/accept_fields/")
    assert accepted.status_code == 200, accepted.text
    return int(session["pk"])


async def test_a_job_of_a_killed_worker_is_completed_by_another_once(
    web: tuple[httpx.AsyncClient, dict[str, str]],
) -> None:
    client, variables = web
    root = (await client.get("/api/?format=json")).json()
    assert root["worker_running"] is False
    with worker(variables) as first:
        pk = await creating_rows(client, variables)
        await until(client, pk, lambda body: body["status"] == 20 and body["row_count"] > 0)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        cut_short = await session_of(client, pk)
    assert cut_short["status"] == 20
    assert 0 < cut_short["row_count"] < ROWS
    with worker(variables):
        done = await until(client, pk, lambda body: body["status"] != 20)
    assert (done["status"], done["row_count"]) == (30, ROWS)
    assert await rows_stored(client, pk) == ROWS


async def test_sigterm_lets_the_running_job_finish_then_the_worker_exits(
    web: tuple[httpx.AsyncClient, dict[str, str]],
) -> None:
    client, variables = web
    with worker(variables) as process:
        pk = await creating_rows(client, variables)
        await until(client, pk, lambda body: body["status"] == 20 and body["row_count"] > 0)
        process.send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(process.wait, 60) == 0
    finished = await session_of(client, pk)
    assert (finished["status"], finished["row_count"]) == (30, ROWS)
    assert await rows_stored(client, pk) == ROWS
