"""The defaults InvenTree fills when an object is created that a constant in a field's declaration
cannot give: the deployment's default currency, and a new stock item's location and expiry date
from its part. Models name them in their `create_defaults` (see `api.resource.CreateDefault`).

Constant defaults of fields whose columns were declared required (quantities of 1) are given
here too rather than in the field: a field default would make its column nullable, a change of
the tables that needs a migration.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from storeroom.api.resource import CreateDefault
from storeroom.models.clock import today
from storeroom.models.expressions import table
from storeroom.settings import Settings


async def one(connection: Any, values: dict[str, Any], settings: Settings) -> float:
    """InvenTree's `default=1` of quantities (order lines, price breaks, BOM items, builds)."""
    return 1.0


async def default_currency(connection: Any, values: dict[str, Any], settings: Settings) -> str:
    # InvenTree's `currency_code_default()`: its default currency setting; here the deployment's
    # base currency (currency/configuration.py checks it at start-up).
    return settings.base_currency.strip().upper()


def in_default_currency(*names: str) -> dict[str, CreateDefault]:
    """Currency fields whose default is the default currency (InvenTree's money fields)."""
    return dict.fromkeys(names, default_currency)


async def part_values(connection: Any, part: Any) -> sa.Row[Any] | None:
    if part is None:
        return None
    parts = table("part")
    query = sa.select(parts.c.default_location, parts.c.default_expiry).where(parts.c.id == part)
    found: sa.Row[Any] | None = (await connection.execute(query)).first()
    return found


async def part_location(connection: Any, values: dict[str, Any], settings: Settings) -> Any:
    """A new stock item without a location goes to its part's default location (InvenTree's
    StockList.create)."""
    found = await part_values(connection, values.get("part"))
    return found.default_location if found else None


async def part_expiry(connection: Any, values: dict[str, Any], settings: Settings) -> Any:
    """A new stock item without an expiry date expires its part's default expiry days from
    today, when the part has one (InvenTree's StockList.create)."""
    found = await part_values(connection, values.get("part"))
    if found is None or not found.default_expiry or found.default_expiry <= 0:
        return None
    return today() + timedelta(days=found.default_expiry)


STOCK_ITEM_DEFAULTS: dict[str, CreateDefault] = {
    "location": part_location,
    "expiry_date": part_expiry,
    **in_default_currency("purchase_price_currency"),
}
