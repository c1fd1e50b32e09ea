"""A stock item's row as the ledger reads and writes it: exact quantities, the in-stock rule,
locks in pk order, and the write of a new quantity (with InvenTree's delete on deplete)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.errors import Invalid
from storeroom.models.clock import now
from storeroom.models.stock import STOCK_ITEM
from storeroom.stock import codes

items = STOCK_ITEM.table
PLACES = Decimal("0.00001")


def exact(value: Any) -> Decimal:
    """A quantity as the exact decimal it stands for (a float 0.1 is 0.1, not 0.1000…055)."""
    return Decimal(str(value)).quantize(PLACES)


def stored(value: Decimal) -> float:
    return float(value.quantize(PLACES))


def number(value: Decimal) -> float:
    """A quantity in a tracking entry's deltas (InvenTree writes floats there)."""
    return float(value)


def is_serialized(item: Mapping[str, Any]) -> bool:
    return bool(item["serial"]) and str(item["serial"]).strip() != ""


def is_in_stock(item: Mapping[str, Any]) -> bool:
    """InvenTree's IN_STOCK_FILTER: positive, not installed, shipped, consumed or in production,
    with an available status."""
    return (
        exact(item["quantity"]) > 0
        and item["belongs_to"] is None
        and item["customer"] is None
        and item["consumed_by"] is None
        and item["sales_order"] is None
        and not item["is_building"]
        and item["status"] in codes.AVAILABLE
    )


def missing(pk: Any) -> str:
    return f'Invalid pk "{pk}" - object does not exist.'


async def lock_items(
    connection: AsyncConnection, item_ids: Sequence[int], *, field: str = "pk"
) -> dict[int, dict[str, Any]]:
    """The items' rows, locked in pk order (so that two movements never deadlock); an unknown pk
    is a 400 on `field`."""
    wanted = sorted(set(item_ids))
    query = sa.select(items).where(items.c.id.in_(wanted)).order_by(items.c.id).with_for_update()
    found = {row.id: dict(row._mapping) for row in await connection.execute(query)}
    absent = [pk for pk in wanted if pk not in found]
    if absent:
        raise Invalid.field(field, missing(absent[0]))
    return found


async def lock_item(connection: AsyncConnection, item_id: int) -> dict[str, Any]:
    return (await lock_items(connection, [item_id]))[item_id]


async def write_item(connection: AsyncConnection, item_id: int, **values: Any) -> None:
    await connection.execute(
        sa.update(items).where(items.c.id == item_id).values(updated=now(), **values)
    )


def column_defaults() -> dict[str, Any]:
    """Every stored column's declared default, so that rows inserted together have one shape."""
    defaults: dict[str, Any] = {}
    for spec in STOCK_ITEM.fields:
        if spec.stored and spec.expression is None and spec.column_name in items.c:
            default = spec.default() if callable(spec.default) else spec.default
            defaults[spec.column_name] = default
    defaults.pop("id", None)
    return defaults


async def update_quantity(
    connection: AsyncConnection, item: Mapping[str, Any], quantity: Decimal
) -> bool:
    """Store the item's new quantity; an item depleted to zero is deleted where its
    delete_on_deplete says so and nothing depends on it (InvenTree's updateQuantity). False
    when the item was deleted."""
    if quantity == 0 and item["delete_on_deplete"] and await can_delete(connection, item):
        await connection.execute(sa.delete(items).where(items.c.id == item["id"]))
        return False
    await write_item(connection, item["id"], quantity=stored(quantity))
    return True


async def can_delete(connection: AsyncConnection, item: Mapping[str, Any]) -> bool:
    """InvenTree's StockItem.can_delete: not installed, not holding installed items, not sent,
    not consumed and not in production."""
    if item["belongs_to"] is not None or item["customer"] is not None or item["is_building"]:
        return False
    if item["consumed_by"] is not None or item["sales_order"] is not None:
        return False
    children = sa.select(items.c.id).where(items.c.belongs_to == item["id"]).limit(1)
    return (await connection.execute(children)).first() is None
