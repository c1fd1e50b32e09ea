"""POST /api/currency/refresh/: new rates from the provider (staff only); a failing provider
answers 503 and leaves the previous rates in place."""

from decimal import Decimal

import pytest

from tests.conftest import Client
from tests.currency.conftest import RECORDED_FEED, FeedServer, admin_of

DEFAULT_CODES = {"AUD", "CAD", "CHF", "CNY", "EUR", "GBP", "JPY", "NZD", "USD"}


def euro_rate(code: str) -> Decimal:
    """The recorded feed's rate of `code`: units per euro."""
    marker = f"currency='{code}' rate='".encode()
    start = RECORDED_FEED.index(marker) + len(marker)
    return Decimal(RECORDED_FEED[start : RECORDED_FEED.index(b"'", start)].decode())


async def test_refresh_quotes_the_ecb_rates_against_the_base_currency(client: Client) -> None:
    response = await client.post("/api/currency/refresh/")
    assert response.status_code == 200
    rates = response.json()["exchange_rates"]
    usd = euro_rate("USD")
    assert rates["USD"] == 1.0
    for code in ("EUR", "JPY", "GBP", "AUD"):
        expected = (euro_rate(code) if code != "EUR" else Decimal(1)) / usd
        assert abs(Decimal(str(rates[code])) - expected) < expected * Decimal("1e-9"), code
    assert (rates["EUR"], rates["JPY"], rates["GBP"]) == (0.9493070059, 154.1579647, 0.7899658249)


async def test_refresh_answers_only_the_configured_currencies(client: Client) -> None:
    body = (await client.post("/api/currency/refresh/")).json()
    assert set(body["exchange_rates"]) == DEFAULT_CODES
    assert body["base_currency"] == "USD"
    assert body["updated"]


async def test_a_euro_base_answers_the_feed_rates_as_they_are(
    make_settings, ecb_feed: FeedServer, anonymous_factory
) -> None:
    settings = make_settings(
        ecb_url=ecb_feed.url, currency_refresh_hours=0.0, base_currency="EUR", currency_codes="USD"
    )
    admin = await admin_of(await anonymous_factory(settings))
    body = (await admin.post("/api/currency/refresh/")).json()
    assert body["exchange_rates"] == {"EUR": 1.0, "USD": 1.0534}


async def test_a_second_refresh_replaces_the_rates(client: Client, ecb_feed: FeedServer) -> None:
    first = (await client.post("/api/currency/refresh/")).json()
    ecb_feed.answer(RECORDED_FEED.replace(b"rate='1.0534'", b"rate='1.0600'"))
    second = (await client.post("/api/currency/refresh/")).json()
    assert second["exchange_rates"]["EUR"] == 0.9433962264
    assert second["updated"] > first["updated"]
    assert (await client.get("/api/currency/exchange/")).json() == second


async def test_a_currency_the_feed_drops_is_dropped(client: Client, ecb_feed: FeedServer) -> None:
    await client.post("/api/currency/refresh/")
    ecb_feed.answer(RECORDED_FEED.replace(b"<Cube currency='NZD' rate='1.8124'/>", b""))
    body = (await client.post("/api/currency/refresh/")).json()
    assert set(body["exchange_rates"]) == DEFAULT_CODES - {"NZD"}


async def test_users_who_are_not_staff_get_403(login_as) -> None:
    user = await login_as("reader")
    response = await user.post("/api/currency/refresh/")
    assert response.status_code == 403
    assert response.json()["detail"]
    assert (await user.get("/api/currency/exchange/")).json()["exchange_rates"] == {}


async def test_staff_users_refresh(login_as) -> None:
    staff = await login_as("buyer", is_staff=True)
    response = await staff.post("/api/currency/refresh/", json={})
    assert response.status_code == 200
    assert response.json()["exchange_rates"]["USD"] == 1.0


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<Envelope><Cube><Cube currency="USD" rate="&lol2;"/></Cube></Envelope>"""

FAILURES = {
    "server error": (b"<html>Service Unavailable</html>", 500, "HTTP 500"),
    "garbage": (b"this is not XML <<<", 200, "not readable XML"),
    "entities": (BILLION_LAUGHS, 200, "not readable XML"),
    "no rates": (b"<Envelope><Cube><Cube time='2026-11-26'/></Cube></Envelope>", 200, "no rates"),
    "no base": (RECORDED_FEED.replace(b"'USD'", b"'XXX'"), 200, "no rate for the base currency"),
    "bad rate": (RECORDED_FEED.replace(b"'1.0534'", b"'-1'"), 200, "impossible rate"),
}


@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
async def test_a_failing_provider_answers_503_and_keeps_the_rates(
    client: Client, ecb_feed: FeedServer, failure: tuple[bytes, int, str]
) -> None:
    before = (await client.post("/api/currency/refresh/")).json()
    body, status, reason = failure
    ecb_feed.answer(body, status)
    response = await client.post("/api/currency/refresh/")
    assert response.status_code == 503
    assert reason in response.json()["detail"]
    assert "previous exchange rates are kept" in response.json()["detail"]
    assert (await client.get("/api/currency/exchange/")).json() == before


async def test_a_provider_that_is_down_answers_503_and_keeps_the_rates(
    client: Client, ecb_feed: FeedServer
) -> None:
    before = (await client.post("/api/currency/refresh/")).json()
    ecb_feed.stop()
    response = await client.post("/api/currency/refresh/")
    assert response.status_code == 503
    assert response.json()["detail"] == (
        "The ECB rate feed could not be fetched (ConnectError). "
        "The previous exchange rates are kept."
    )
    assert (await client.get("/api/currency/exchange/")).json() == before


async def test_a_failed_first_refresh_leaves_no_rates(client: Client, ecb_feed: FeedServer) -> None:
    ecb_feed.stop()
    assert (await client.post("/api/currency/refresh/")).status_code == 503
    body = (await client.get("/api/currency/exchange/")).json()
    assert (body["exchange_rates"], body["updated"]) == ({}, None)
