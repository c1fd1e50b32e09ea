"""Allocating stock to a sales order's lines (`POST /api/order/so/{id}/allocate/` and
`allocate-serials/`), as InvenTree's SalesOrderShipmentAllocationSerializer and
SalesOrderSerialAllocationSerializer check it: the shipment and lines are the order's, the stock
item is of the line's part (or a variant of it), in stock, and has the quantity free - its
quantity less what builds and unshipped sales allocations hold of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.action_bodies import read_struct
from storeroom.api.actions import ActionCall
from storeroom.errors import Invalid
from storeroom.models.expressions import table
from storeroom.models.order_sales import (
    SALES_ORDER_ALLOCATION,
    SALES_ORDER_LINE_ITEM,
    SALES_ORDER_SHIPMENT,
)
from storeroom.models.part import PART
from storeroom.models.stock import STOCK_ITEM
from storeroom.orders.schemas import (
    SalesOrderSerialAllocation,
    SalesOrderShipmentAllocation,
    SalesOrderShipmentAllocationItem,
)
from storeroom.stock import ledger, serials

allocations, lines = SALES_ORDER_ALLOCATION.table, SALES_ORDER_LINE_ITEM.table
shipments, stock, parts = SALES_ORDER_SHIPMENT.table, STOCK_ITEM.table, PART.table
Row = Mapping[str, Any]


def missing(pk: Any) -> list[str]:
    return [f'Invalid pk "{pk}" - object does not exist.']


async def allocate(call: ActionCall[SalesOrderShipmentAllocation]) -> dict[str, Any]:
    connection, order_id = call.connection, call.target["id"]
    raw: Sequence[Any] = call.body.items
    if not raw:
        raise Invalid(general=["Allocation items must be provided"])
    await check_shipment(connection, order_id, call.body.shipment)
    checked: list[SalesOrderShipmentAllocationItem] = []
    errors: list[dict[str, list[str]]] = []
    for entry in raw:
        try:
            item = read_struct(SalesOrderShipmentAllocationItem, as_dict(entry))
            await check_item(connection, order_id, item.line_item, item.stock_item, item.quantity)
        except Invalid as problem:
            errors.append(problem.fields or {"non_field_errors": problem.general})
            continue
        errors.append({})
        checked.append(item)
    if any(errors):
        raise Invalid({"items": errors})  # type: ignore[dict-item]
    rows = [
        {
            "line": item.line_item,
            "item": item.stock_item,
            "quantity": float(item.quantity),
            "shipment": call.body.shipment,
        }
        for item in checked
    ]
    await connection.execute(sa.insert(allocations), rows)
    return {"items": list(raw), "shipment": call.body.shipment}


async def allocate_serials(call: ActionCall[SalesOrderSerialAllocation]) -> dict[str, Any]:
    """Allocate one item per serial number of the line's part."""
    connection, order_id, body = call.connection, call.target["id"], call.body
    line = await line_of(connection, order_id, body.line_item)
    await check_shipment(connection, order_id, body.shipment)
    if line["part"] is None:
        raise Invalid({"line_item": ["Cannot allocate stock to a line without a part"]})
    used = await serials.family_serials(connection, [line["part"]])
    wanted = serials.parse_serial_numbers(
        body.serial_numbers, body.quantity, serials.next_free_serial(used)
    )
    found = await connection.execute(
        sa.select(stock).where(
            stock.c.part == line["part"], stock.c.serial.in_(wanted), stock.c.quantity == 1
        )
    )
    by_serial = {row.serial: dict(row._mapping) for row in found}
    absent = [serial for serial in wanted if serial not in by_serial]
    if absent:
        message = "No match found for the following serial numbers: " + ",".join(absent)
        raise Invalid({"serial_numbers": [message]})
    taken = [
        serial
        for serial in wanted
        if not ledger.is_in_stock(by_serial[serial])
        or await free_quantity(connection, by_serial[serial]) < 1
    ]
    if taken:
        message = "The following serial numbers are unavailable: " + ",".join(taken)
        raise Invalid({"serial_numbers": [message]})
    rows = [
        {
            "line": line["id"],
            "item": by_serial[serial]["id"],
            "quantity": 1.0,
            "shipment": body.shipment,
        }
        for serial in wanted
    ]
    await connection.execute(sa.insert(allocations), rows)
    return {
        "line_item": body.line_item,
        "quantity": body.quantity,
        "serial_numbers": body.serial_numbers,
        "shipment": body.shipment,
    }


def as_dict(entry: Any) -> dict[str, Any]:
    return entry if isinstance(entry, dict) else {}


async def check_shipment(connection: AsyncConnection, order_id: int, pk: int | None) -> None:
    if pk is None:
        return
    found = (await connection.execute(sa.select(shipments).where(shipments.c.id == pk))).first()
    if found is None:
        raise Invalid({"shipment": missing(pk)})
    if found.order != order_id:
        raise Invalid({"shipment": ["Shipment is not associated with this order"]})
    if found.shipment_date is not None:
        raise Invalid({"shipment": ["Shipment has already been shipped"]})


async def line_of(connection: AsyncConnection, order_id: int, pk: int) -> Row:
    found = (await connection.execute(sa.select(lines).where(lines.c.id == pk))).first()
    if found is None:
        raise Invalid({"line_item": missing(pk)})
    if found.order != order_id:
        raise Invalid({"line_item": ["Line item is not associated with this order"]})
    return dict(found._mapping)


async def check_item(
    connection: AsyncConnection, order_id: int, line_id: int, item_id: int, quantity: Decimal
) -> None:
    """One allocation's checks, InvenTree's messages on the fields they concern."""
    line = await line_of(connection, order_id, line_id)
    found = (await connection.execute(sa.select(stock).where(stock.c.id == item_id))).first()
    if found is None:
        raise Invalid({"stock_item": missing(item_id)})
    item = dict(found._mapping)
    if not ledger.is_in_stock(item):
        raise Invalid({"stock_item": ["Item must be in stock"]})
    if line["part"] is None:
        raise Invalid({"line_item": ["Cannot allocate stock to a line without a part"]})
    if not await is_variant_of(connection, item["part"], line["part"]):
        raise Invalid(
            {"stock_item": ["Cannot allocate stock item to a line with a different part"]}
        )
    if quantity <= 0:
        raise Invalid({"quantity": ["Quantity must be positive"]})
    if ledger.is_serialized(item) and quantity != 1:
        raise Invalid({"quantity": ["Quantity must be 1 for serialized stock item"]})
    free = await free_quantity(connection, item)
    if quantity > free:
        raise Invalid({"quantity": [f"Available quantity ({free.normalize():f}) exceeded"]})


async def is_variant_of(connection: AsyncConnection, part_id: int, wanted: int) -> bool:
    """The part is `wanted` or one of its variants (any depth)."""
    current: int | None = part_id
    seen: set[int] = set()
    while current is not None and current not in seen:
        if current == wanted:
            return True
        seen.add(current)
        query = sa.select(parts.c.variant_of).where(parts.c.id == current)
        current = (await connection.execute(query)).scalar()
    return False


async def free_quantity(connection: AsyncConnection, item: Row) -> Decimal:
    """The item's quantity less what builds and unshipped sales order allocations hold."""
    build_items = table("build_item")
    built = sa.select(sa.func.coalesce(sa.func.sum(build_items.c.quantity), 0.0)).where(
        build_items.c.stock_item == item["id"]
    )
    shipped = sa.select(shipments.c.id).where(shipments.c.shipment_date.is_not(None))
    sold = sa.select(sa.func.coalesce(sa.func.sum(allocations.c.quantity), 0.0)).where(
        allocations.c.item == item["id"],
        sa.or_(allocations.c.shipment.is_(None), allocations.c.shipment.not_in(shipped)),
    )
    held = await connection.execute(sa.select(built.scalar_subquery() + sold.scalar_subquery()))
    return ledger.exact(item["quantity"]) - ledger.exact(held.scalar() or 0)
