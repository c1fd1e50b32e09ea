"""A request whose step's job cannot be queued (the queue's Redis out of reach) answers 503 in the
API's error shape and changes nothing: the client retries the same request once the queue is back.
One web process has lost its queue (pointed at a closed port), another beside it on the same
database still reaches it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest

from storeroom.app import create_app
from storeroom.importer.commit import CHUNK_ROWS
from storeroom.settings import Settings
from tests.conftest import Client, started, token_for
from tests.importer.conftest import mapped_session, processed_session, upload, wait_for
from tests.importer.test_jobs import REDIS_URL
from tests.server.running import free_port

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="set STOREROOM_TEST_REDIS_URL")
# More than one chunk: a selection the request leaves to the queue.
ROWS = CHUNK_ROWS + 1
CSV = "Name,Description\n" + "".join(f"Part {n},Row {n}\n" for n in range(ROWS))


@pytest.fixture
async def clients(make_settings: Callable[..., Settings]) -> AsyncIterator[tuple[Client, Client]]:
    """(reaching the queue, not reaching it): two web processes of one deployment."""
    # An idle worker waits out its grace period when the app stops: 1 s, not 30.
    reaching = make_settings(queue_url=REDIS_URL, worker_grace_seconds=1)
    closed = make_settings(queue_url=f"redis://127.0.0.1:{free_port()}/0", worker_in_web=False)
    async with started(create_app(reaching)) as good, started(create_app(closed)) as cut_off:
        token = await token_for(good, "admin")
        for client in (good, cut_off):
            client.headers["Authorization"] = f"Token {token}"
        yield good, cut_off


def assert_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert "job queue cannot be reached" in response.json()["detail"]


def stored_files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


async def test_an_upload_answers_503_and_leaves_no_session_when_the_queue_is_unreachable(
    clients: tuple[Client, Client], make_settings: Callable[..., Settings]
) -> None:
    good, cut_off = clients
    assert_unavailable(await upload(cut_off, "Name\nBolt\n"))
    assert (await good.get("/api/importer/session/")).json() == []
    imports = make_settings().data_dir / "imports"
    assert await asyncio.to_thread(stored_files, imports) == []


async def test_accept_fields_answers_503_and_leaves_the_session_to_accept_again(
    clients: tuple[Client, Client],
) -> None:
    good, cut_off = clients
    session = await mapped_session(good, "Name\nBolt\nNut\n")
    path = f"/api/importer/session/{session['pk']}/accept_fields/"
    assert_unavailable(await cut_off.post(path))
    kept = (await good.get(f"/api/importer/session/{session['pk']}/")).json()
    assert (kept["status"], kept["row_count"]) == (10, 0)
    assert (await good.post(path)).status_code == 200
    done = await wait_for(good, session["pk"], {30, 40})
    assert (done["status"], done["row_count"]) == (30, 2)


async def test_accept_rows_answers_503_and_imports_nothing_until_accepted_again(
    clients: tuple[Client, Client],
) -> None:
    good, cut_off = clients
    session = await processed_session(good, CSV)
    rows = await good.get(f"/api/importer/row/?session={session['pk']}&limit={ROWS}")
    ids = [row["pk"] for row in rows.json()["results"]]
    path = f"/api/importer/session/{session['pk']}/accept_rows/"
    assert_unavailable(await cut_off.post(path, json={"rows": ids}))
    kept = (await good.get(f"/api/importer/session/{session['pk']}/")).json()
    assert (kept["status"], kept["completed_row_count"]) == (30, 0)
    assert (await good.get("/api/part/?limit=1")).json()["count"] == 0
    assert (await good.post(path, json={"rows": ids})).status_code == 201
    done = await wait_for(good, session["pk"], {40})
    assert (done["completed_row_count"], done["error"]) == (ROWS, None)
    assert (await good.get("/api/part/?limit=1")).json()["count"] == ROWS
