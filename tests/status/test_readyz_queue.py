"""/readyz reports the job queue: a server whose Redis is out of reach is not ready (503), and
still starts and answers."""

from __future__ import annotations

from collections.abc import Callable

from storeroom.settings import Settings
from tests.conftest import Client


async def test_readyz_is_ready_with_the_in_process_queue(anonymous: Client) -> None:
    response = await anonymous.get("/readyz")
    assert (response.status_code, response.json()) == (200, {"status": "ready"})


async def test_readyz_is_503_when_the_queue_is_unreachable(
    make_settings: Callable[..., Settings], anonymous_factory: Callable[..., object]
) -> None:
    settings = make_settings(queue_url="redis://127.0.0.1:1/0", worker_in_web=False)
    client: Client = await anonymous_factory(settings)  # type: ignore[misc]
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["detail"] == "Queue unreachable: ConnectionError"
    root = (await client.get("/api/?format=json")).json()
    assert (root["worker_running"], root["worker_pending_tasks"]) == (False, 0)
