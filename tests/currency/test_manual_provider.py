"""currency_provider = "manual": the rates of the manual_rates setting, with no network."""

from tests.conftest import Client
from tests.currency.conftest import FeedServer, admin_of


async def manual_admin(make_settings, anonymous_factory, ecb_feed: FeedServer) -> Client:
    settings = make_settings(
        ecb_url=ecb_feed.url,
        currency_refresh_hours=0.0,
        currency_provider="manual",
        manual_rates="EUR=0.92, gbp=0.79",
    )
    return await admin_of(await anonymous_factory(settings))


async def test_manual_rates_are_answered_against_the_base(
    make_settings, anonymous_factory, ecb_feed: FeedServer
) -> None:
    admin = await manual_admin(make_settings, anonymous_factory, ecb_feed)
    body = (await admin.post("/api/currency/refresh/")).json()
    assert body["base_currency"] == "USD"
    assert body["exchange_rates"] == {"EUR": 0.92, "GBP": 0.79, "USD": 1.0}
    assert (await admin.get("/api/currency/exchange/")).json() == body


async def test_manual_rates_reach_for_no_feed(
    make_settings, anonymous_factory, ecb_feed: FeedServer
) -> None:
    admin = await manual_admin(make_settings, anonymous_factory, ecb_feed)
    ecb_feed.stop()
    assert (await admin.post("/api/currency/refresh/")).status_code == 200
    assert ecb_feed.requests == 0
