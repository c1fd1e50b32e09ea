"""The currency settings are checked against ISO 4217: a bad one stops the start, naming the key
and the value, and a running server answers 503 saying the same."""

import dataclasses

import pytest
from litestar import Litestar

from storeroom.currency.configuration import read_config
from storeroom.currency.jobs import scheduled_refresh
from storeroom.settings import Settings, SettingsError, load_settings
from tests.conftest import Client

BAD = {
    "unknown base": ({"base_currency": "XYZ"}, "setting base_currency: 'XYZ' is not an ISO 4217"),
    "short base": ({"base_currency": "US"}, "setting base_currency: 'US' is not"),
    "empty base": ({"base_currency": ""}, "setting base_currency: '' is not"),
    "unknown code": ({"currency_codes": "EUR,EURO"}, "setting currency_codes: 'EURO' is not"),
    "provider": ({"currency_provider": "fixer"}, "setting currency_provider: 'fixer' is not one"),
    "url": ({"ecb_url": "ftp://ecb.example/x.xml"}, "setting ecb_url: 'ftp://ecb.example/x.xml'"),
    "no host": ({"ecb_url": "https://"}, "setting ecb_url: 'https://' is not an http"),
    "no rate": ({"manual_rates": "EUR"}, "setting manual_rates: 'EUR' is not CODE=RATE"),
    "bad rate": ({"manual_rates": "EUR=lots"}, "setting manual_rates: the rate of EUR must be"),
    "zero rate": ({"manual_rates": "EUR=0"}, "setting manual_rates: the rate of EUR must be"),
    "unlisted": ({"manual_rates": "SEK=11"}, "setting manual_rates: SEK is not one of"),
}


@pytest.mark.parametrize("case", BAD.values(), ids=BAD.keys())
def test_a_bad_setting_is_refused_by_key_and_value(case: tuple[dict[str, str], str]) -> None:
    overrides, message = case
    with pytest.raises(SettingsError, match="^" + message.replace("(", r"\(")):
        read_config(load_settings(environ={}, **overrides))


def test_codes_in_any_case_are_taken_upper_cased() -> None:
    settings = load_settings(environ={}, base_currency="eur", currency_codes="usd, jpy")
    config = read_config(settings)
    assert (config.base_currency, config.currency_codes) == ("EUR", ("EUR", "USD", "JPY"))


async def test_a_bad_base_currency_stops_the_start(app: Litestar, anonymous: Client) -> None:
    context = app.state.api
    bad = dataclasses.replace(context, settings=with_base(context.settings, "XYZ"))
    with pytest.raises(SettingsError, match="base_currency: 'XYZ' is not an ISO 4217"):
        async with scheduled_refresh(bad):
            pass


async def test_a_server_with_a_bad_base_currency_answers_503_naming_it(
    app: Litestar, client: Client
) -> None:
    # As when the schedule (which checks at start-up) is not running.
    started = app.started  # type: ignore[attr-defined]
    started.api = dataclasses.replace(started.api, settings=with_base(started.api.settings, "XYZ"))
    for response in (
        await client.get("/api/currency/exchange/"),
        await client.post("/api/currency/refresh/"),
    ):
        assert response.status_code == 503
        assert response.json()["detail"] == (
            "Currency exchange is misconfigured: setting base_currency: 'XYZ' is not an ISO 4217 "
            "currency code (such as USD or EUR)."
        )


def with_base(settings: Settings, base: str) -> Settings:
    return dataclasses.replace(settings, base_currency=base)
