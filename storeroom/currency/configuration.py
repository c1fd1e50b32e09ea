"""The currency settings, checked against ISO 4217 (py-moneyed's list of currencies).

`read_config` turns the raw strings of `Settings` into a `CurrencyConfig`, or raises
`SettingsError` naming the key and the value: at start-up that stops the server, in a request it
becomes a 503 that says which setting is wrong.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from moneyed import CurrencyDoesNotExist, get_currency

from storeroom.settings import Settings, SettingsError

PROVIDERS = ("ecb", "manual")
CODE_PATTERN = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class CurrencyConfig:
    base_currency: str
    # The currencies rates are kept for, the base among them.
    currency_codes: tuple[str, ...]
    provider: str
    ecb_url: str
    # Units of each currency per one unit of the base currency.
    manual_rates: Mapping[str, Decimal]
    refresh_hours: float


def is_currency(code: str) -> bool:
    try:
        get_currency(code)
    except CurrencyDoesNotExist:
        return False
    return True


def currency_code(key: str, value: str) -> str:
    """An ISO 4217 code (any case), upper-cased; anything else is a SettingsError."""
    code = value.strip().upper()
    if not (CODE_PATTERN.match(code) and is_currency(code)):
        raise SettingsError(
            f"setting {key}: {value!r} is not an ISO 4217 currency code (such as USD or EUR)"
        )
    return code


def parse_rate(key: str, code: str, text: str) -> Decimal:
    try:
        rate = Decimal(text.strip())
    except decimal.InvalidOperation:
        rate = Decimal("NaN")
    if not rate.is_finite() or rate <= 0:
        raise SettingsError(
            f"setting {key}: the rate of {code} must be a positive number, not {text!r}"
        )
    return rate


def parse_manual_rates(text: str, codes: tuple[str, ...]) -> dict[str, Decimal]:
    """The manual_rates setting, "EUR=0.92,GBP=0.79": units of each currency per one unit of
    the base currency."""
    rates: dict[str, Decimal] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        code_text, separator, rate_text = item.partition("=")
        if not separator:
            raise SettingsError(f"setting manual_rates: {item!r} is not CODE=RATE (EUR=0.92)")
        code = currency_code("manual_rates", code_text)
        if code not in codes:
            raise SettingsError(
                f"setting manual_rates: {code} is not one of currency_codes ({','.join(codes)})"
            )
        rates[code] = parse_rate("manual_rates", code, rate_text)
    return rates


def read_config(settings: Settings) -> CurrencyConfig:
    """The checked currency settings; a bad value raises SettingsError naming key and value."""
    base = currency_code("base_currency", settings.base_currency)
    listed = [text for text in settings.currency_codes.split(",") if text.strip()]
    codes = tuple(dict.fromkeys([base, *(currency_code("currency_codes", t) for t in listed)]))
    if settings.currency_provider not in PROVIDERS:
        raise SettingsError(
            f"setting currency_provider: {settings.currency_provider!r} is not one of "
            f"{', '.join(PROVIDERS)}"
        )
    url = urlsplit(settings.ecb_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise SettingsError(f"setting ecb_url: {settings.ecb_url!r} is not an http(s) URL")
    return CurrencyConfig(
        base_currency=base,
        currency_codes=codes,
        provider=settings.currency_provider,
        ecb_url=settings.ecb_url,
        manual_rates=parse_manual_rates(settings.manual_rates, codes),
        refresh_hours=settings.currency_refresh_hours,
    )
