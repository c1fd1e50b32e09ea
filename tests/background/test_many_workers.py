"""A deployment as an operator runs it: `storeroom serve --workers 2` (web only) and two `storeroom
worker` processes on PostgreSQL and Redis import 200,000 rows while one worker is killed (SIGKILL)
in the middle of accept_rows and another started in its place; every row is imported exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.background.conftest import REDIS_URL, database
from tests.conftest import POSTGRES_URL
from tests.server.running import environment, storeroom_serve

pytestmark = pytest.mark.skipif(
    not (REDIS_URL and POSTGRES_URL),
    reason="set STOREROOM_TEST_REDIS_URL and STOREROOM_TEST_POSTGRES_URL",
)
ROWS = 200_000
PASSWORD = "correct-horse-battery"


def deployment_settings(url: str) -> dict[str, str]:
    return {
        "database_url": url,
        "queue_url": REDIS_URL,
        "worker_in_web": "false",
        "job_heartbeat_seconds": "2",
        "worker_sweep_seconds": "1",
        "count_cache_seconds": "0",
        "log_level": "WARNING",
    }


@contextmanager
def worker(directory: Path, settings: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    log = (directory / f"worker-{time.monotonic_ns()}.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "storeroom", "worker", "--concurrency", "2"],
        env=environment(directory / "data", **settings),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def session_when(client: httpx.Client, pk: int, check: Any, seconds: float = 100) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        session = client.get(f"/api/importer/session/{pk}/").json()
        if check(session):
            return session
        assert time.monotonic() < deadline, session
        time.sleep(0.1)


def valid_ids(client: httpx.Client, pk: int) -> list[int]:
    response = client.get(
        "/api/importer/row/",
        params={"session": pk, "valid": "true", "ordering": "pk", "limit": ROWS, "offset": 0},
    )
    assert response.status_code == 200, response.text[:500]
    return [row["pk"] for row in response.json()["results"]]


def test_200000_rows_are_imported_once_while_a_worker_is_killed_and_replaced(
    tmp_path: Path,
) -> None:
    content = "Name,Description\n" + "".join(f"Part {n},Row {n}\n" for n in range(ROWS))
    with database("postgres") as url, ExitStack() as stack:
        settings = deployment_settings(url)
        served = stack.enter_context(storeroom_serve(tmp_path, "--workers", "2", **settings))
        first = stack.enter_context(worker(tmp_path, settings))
        stack.enter_context(worker(tmp_path, settings))
        client = stack.enter_context(httpx.Client(base_url=served.url, timeout=120))
        token = client.get("/api/user/token/", auth=("admin", PASSWORD)).json()["token"]
        client.headers["Authorization"] = f"Token {token}"
        created = client.post(
            "/api/importer/session/",
            data={"model_type": "part"},
            files={"data_file": ("parts.csv", content.encode())},
        )
        assert created.status_code == 201, created.text
        pk = created.json()["pk"]
        session_when(client, pk, lambda body: body["status"] == 10)
        assert client.post(f"/api/importer/session/{pk}/accept_fields/").status_code == 200
        processed = session_when(client, pk, lambda body: body["status"] in (30, 40))
        assert (processed["status"], processed["row_count"]) == (30, ROWS)
        ids = valid_ids(client, pk)
        assert len(ids) == ROWS
        accepted = client.post(f"/api/importer/session/{pk}/accept_rows/", json={"rows": ids})
        assert accepted.status_code == 201, accepted.text[:500]
        session_when(client, pk, lambda body: body["completed_row_count"] > 0)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        cut_short = client.get(f"/api/importer/session/{pk}/").json()["completed_row_count"]
        assert cut_short < ROWS
        stack.enter_context(worker(tmp_path, settings))
        done = session_when(client, pk, lambda body: body["status"] == 40)
        assert (done["completed_row_count"], done["error"]) == (ROWS, None)
        # One part per row: a row imported twice would make one more.
        assert client.get("/api/part/", params={"limit": 1}).json()["count"] == ROWS
