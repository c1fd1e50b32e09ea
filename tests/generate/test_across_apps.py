"""Two applications on one database, as two worker processes are: serial numbers and batch code
counters are shared through the database, never handed out twice."""

import asyncio
from collections.abc import Awaitable, Callable

from storeroom.settings import Settings
from tests.conftest import Client
from tests.generate.conftest import make_part, serial_for

Started = Callable[[Settings], Awaitable[Client]]


async def second_app(client: Client, settings: Settings, anonymous_factory: Started) -> Client:
    """Another started application on the same database, signed in as the same admin."""
    other = await anonymous_factory(settings)
    other.headers["Authorization"] = client.headers["Authorization"]
    assert (await other.get("/api/user/me/")).status_code == 200
    return other


async def test_two_apps_never_hand_out_the_same_serial(
    client: Client, settings: Settings, anonymous_factory: Started
) -> None:
    other = await second_app(client, settings, anonymous_factory)
    part = await make_part(client, "Widget")
    requests = [serial_for(app, part, quantity=2) for _ in range(10) for app in (client, other)]
    serials = [serial for answer in await asyncio.gather(*requests) for serial in answer.split(",")]
    assert len(serials) == 40
    assert len(set(serials)) == 40


async def test_two_apps_continue_one_batch_code_counter(
    client: Client, settings: Settings, anonymous_factory: Started
) -> None:
    other = await second_app(client, settings, anonymous_factory)

    async def counter(app: Client) -> int:
        response = await app.post("/api/generate/batch-code/", json={})
        assert response.status_code == 200, response.text
        return int(response.json()["batch_code"].rsplit("-", 1)[1])

    counters = await asyncio.gather(*(counter(app) for _ in range(10) for app in (client, other)))
    assert sorted(counters) == list(range(1, 21))
