"""GET /api/currency/exchange/: the tenant's stored rates, for any signed-in user."""

from datetime import UTC, datetime

from tests.conftest import Client
from tests.currency.conftest import admin_of


async def test_exchange_is_empty_with_no_update_time_before_the_first_refresh(
    client: Client,
) -> None:
    response = await client.get("/api/currency/exchange/")
    assert response.status_code == 200
    assert response.json() == {"base_currency": "USD", "exchange_rates": {}, "updated": None}


async def test_exchange_answers_the_rates_and_when_they_were_fetched(client: Client) -> None:
    before = datetime.now(UTC)
    await client.post("/api/currency/refresh/")
    body = (await client.get("/api/currency/exchange/")).json()
    assert set(body) == {"base_currency", "exchange_rates", "updated"}
    assert body["base_currency"] == "USD"
    assert body["exchange_rates"]["EUR"] == 0.9493070059
    assert before <= datetime.fromisoformat(body["updated"]) <= datetime.now(UTC)
    assert body["updated"].endswith("Z")


async def test_any_signed_in_user_reads_the_exchange(client: Client, login_as) -> None:
    await client.post("/api/currency/refresh/")
    user = await login_as("reader")
    response = await user.get("/api/currency/exchange/")
    assert response.status_code == 200
    assert response.json()["exchange_rates"]["USD"] == 1.0


async def test_anonymous_callers_get_401(anonymous: Client) -> None:
    response = await anonymous.get("/api/currency/exchange/")
    assert response.status_code == 401
    assert response.json()["detail"]


async def test_currency_codes_keep_their_case_in_the_deep_dialect(client: Client) -> None:
    await client.post("/api/currency/refresh/")
    body = (await client.get("/api/v1/currency/exchange/")).json()
    assert body["baseCurrency"] == "USD"
    assert body["exchangeRates"]["JPY"] == 154.1579647


async def test_one_tenants_rates_are_not_anothers(client: Client, login_as) -> None:
    await client.post("/api/currency/refresh/")
    other = await login_as("ann", account="acme")
    body = (await other.get("/api/currency/exchange/")).json()
    assert (body["exchange_rates"], body["updated"]) == ({}, None)
    assert (await client.get("/api/currency/exchange/")).json()["exchange_rates"]


async def test_rates_stored_against_an_earlier_base_are_requoted(
    client: Client, make_settings, ecb_feed, anonymous_factory
) -> None:
    await client.post("/api/currency/refresh/")
    # A restart with another base currency, on the same database.
    euro = await admin_of(
        await anonymous_factory(
            make_settings(ecb_url=ecb_feed.url, currency_refresh_hours=0.0, base_currency="EUR")
        )
    )
    body = (await euro.get("/api/currency/exchange/")).json()
    assert body["base_currency"] == "EUR"
    assert (body["exchange_rates"]["EUR"], body["exchange_rates"]["USD"]) == (1.0, 1.0534)
