"""The European Central Bank's daily reference rates: an XML feed of euro rates.

    <gesmes:Envelope ...><Cube><Cube time="2026-11-26"><Cube currency="USD" rate="1.0534"/>...

The feed is remote data, so it is parsed with defusedxml (no entities, no DTDs) and read up to
a size limit; the euro rates are then re-quoted against the base currency with Decimal arithmetic.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.etree.ElementTree import ParseError

import defusedxml
import httpx
from defusedxml import ElementTree

from storeroom.currency.conversion import rebase
from storeroom.errors import Unavailable

CUBE = "{http://www.ecb.int/vocabulary/2002-08-01/eurofxref}Cube"
TIMEOUT = httpx.Timeout(15.0)
# The real feed is about 1.5 kB.
MAX_FEED_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class EcbProvider:
    url: str

    async def fetch_rates(self, base: str, codes: Sequence[str]) -> dict[str, Decimal]:
        euro_rates = parse_feed(await self.download())
        if base not in euro_rates:
            raise Unavailable(f"The ECB feed has no rate for the base currency {base}.")
        return rebase({code: euro_rates[code] for code in {*codes, base} & euro_rates.keys()}, base)

    async def download(self) -> bytes:
        feed = bytearray()
        try:
            async with (
                httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=True) as client,
                client.stream("GET", self.url) as response,
            ):
                if response.status_code != 200:
                    raise Unavailable(f"The ECB rate feed answered HTTP {response.status_code}.")
                async for chunk in response.aiter_bytes():
                    feed += chunk
                    if len(feed) > MAX_FEED_BYTES:
                        raise Unavailable("The ECB rate feed is larger than any real one.")
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise Unavailable(
                f"The ECB rate feed could not be fetched ({type(error).__name__})."
            ) from error
        return bytes(feed)


def parse_feed(feed: bytes) -> dict[str, Decimal]:
    """The feed's rates: units of each currency per euro, the euro itself at 1."""
    try:
        root = ElementTree.fromstring(feed, forbid_dtd=True)
    except (ParseError, defusedxml.DefusedXmlException) as error:
        raise Unavailable(f"The ECB rate feed is not readable XML ({error}).") from error
    rates = {"EUR": Decimal(1)}
    for cube in root.iter(CUBE):
        code, text = cube.get("currency"), cube.get("rate")
        if code is None or text is None:
            continue
        try:
            rate = Decimal(text)
        except decimal.InvalidOperation:
            rate = Decimal("NaN")
        if not rate.is_finite() or rate <= 0:
            raise Unavailable(f"The ECB rate feed gives {code} an impossible rate, {text!r}.")
        rates[code.upper()] = rate
    if len(rates) == 1:
        raise Unavailable("The ECB rate feed holds no rates.")
    return rates
