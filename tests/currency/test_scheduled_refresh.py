"""The scheduled refresh: every ready tenant's rates, the feed fetched once per pass; a failing
provider is logged and every tenant keeps its rates."""

import asyncio
import dataclasses
from datetime import timedelta

from litestar import Litestar

from storeroom.api.context import ApiContext
from storeroom.currency.configuration import read_config
from storeroom.currency.jobs import refresh_due_tenants, scheduled_refresh
from tests.conftest import Client
from tests.currency.conftest import FeedServer

DAY = timedelta(days=1)


def context_of(app: Litestar, **settings: object) -> ApiContext:
    context: ApiContext = app.state.api
    if settings:
        changed = dataclasses.replace(context.settings, **settings)
        context = dataclasses.replace(context, settings=changed)
    return context


async def a_pass(app: Litestar, interval: timedelta = DAY) -> list[str]:
    context = context_of(app)
    return await refresh_due_tenants(context, read_config(context.settings), interval)


async def test_a_pass_refreshes_every_ready_tenant_from_one_fetch(
    app: Litestar, client: Client, login_as, ecb_feed: FeedServer
) -> None:
    other = await login_as("ann", account="acme")
    assert await a_pass(app) == ["acme", "default"]
    assert ecb_feed.requests == 1
    for user in (client, other):
        body = (await user.get("/api/currency/exchange/")).json()
        assert body["exchange_rates"]["EUR"] == 0.9493070059


async def test_a_pass_skips_tenants_refreshed_within_the_interval(
    app: Litestar, client: Client, login_as, ecb_feed: FeedServer
) -> None:
    await client.post("/api/currency/refresh/")
    await login_as("ann", account="acme")
    assert await a_pass(app) == ["acme"]
    assert await a_pass(app) == []
    assert ecb_feed.requests == 2


async def test_rates_older_than_the_interval_are_refreshed(
    app: Litestar, client: Client, ecb_feed: FeedServer
) -> None:
    first = (await client.post("/api/currency/refresh/")).json()
    assert await a_pass(app, interval=timedelta(0)) == ["default"]
    assert (await client.get("/api/currency/exchange/")).json()["updated"] > first["updated"]


async def test_a_failing_provider_is_logged_and_the_rates_kept(
    app: Litestar, client: Client, ecb_feed: FeedServer, currency_log: list[str]
) -> None:
    before = (await client.post("/api/currency/refresh/")).json()
    ecb_feed.answer(b"", status=500)
    assert await a_pass(app, interval=timedelta(0)) == []
    assert currency_log == [
        "Exchange rates not refreshed for default: The ECB rate feed answered HTTP 500. "
        "The previous exchange rates are kept."
    ]
    assert (await client.get("/api/currency/exchange/")).json() == before


async def test_the_schedule_refreshes_in_the_background(
    app: Litestar, client: Client, ecb_feed: FeedServer
) -> None:
    context = context_of(app, currency_refresh_hours=24.0)
    async with scheduled_refresh(context, first_delay=0):
        for _ in range(200):
            body = (await client.get("/api/currency/exchange/")).json()
            if body["exchange_rates"]:
                break
            await asyncio.sleep(0.05)
    assert body["exchange_rates"]["USD"] == 1.0
    assert ecb_feed.requests == 1


async def test_zero_refresh_hours_turns_the_schedule_off(
    app: Litestar, client: Client, ecb_feed: FeedServer
) -> None:
    async with scheduled_refresh(context_of(app, currency_refresh_hours=0.0), first_delay=0):
        await asyncio.sleep(0.3)
    assert ecb_feed.requests == 0
    assert (await client.get("/api/currency/exchange/")).json()["updated"] is None
