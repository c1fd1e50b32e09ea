"""Return order transitions, as InvenTree's ReturnOrder model makes them (order/models.py):
issue (IN_PROGRESS), hold, cancel and complete (from IN_PROGRESS only), and receiving returned
items back into stock.

Which states each one is allowed from is declared with its route (orders/return_routes.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.action_bodies import read_struct
from storeroom.api.actions import ActionCall
from storeroom.errors import Invalid
from storeroom.models.clock import today
from storeroom.models.order_return import RETURN_ORDER, RETURN_ORDER_LINE_ITEM
from storeroom.models.order_sales import SALES_ORDER_ALLOCATION
from storeroom.models.stock import STOCK_LOCATION
from storeroom.orders.schemas import ReturnOrderLineItemReceive, ReturnOrderReceive
from storeroom.orders.states import RO, set_status, user_of
from storeroom.stock import codes, ledger

orders, lines = RETURN_ORDER.table, RETURN_ORDER_LINE_ITEM.table
locations, allocations = STOCK_LOCATION.table, SALES_ORDER_ALLOCATION.table
# StockStatus.QUARANTINED: returned items wait for inspection.
QUARANTINED = 75


async def issue_return_order(call: ActionCall[None]) -> None:
    await set_status(call.connection, orders, call.target["id"], RO["IN_PROGRESS"])


async def hold_return_order(call: ActionCall[None]) -> None:
    await set_status(call.connection, orders, call.target["id"], RO["ON_HOLD"])


async def cancel_return_order(call: ActionCall[None]) -> None:
    await set_status(call.connection, orders, call.target["id"], RO["CANCELLED"])


async def complete_return_order(call: ActionCall[None]) -> None:
    await set_status(call.connection, orders, call.target["id"], RO["COMPLETE"])


async def receive_return_order(call: ActionCall[ReturnOrderReceive]) -> dict[str, Any]:
    """Items come back from the customer into the location, quarantined, through the stock
    ledger with a "returned against return order" entry; their lines record the date
    (InvenTree's ReturnOrder.receive_line_item)."""
    connection, order, body = call.connection, call.target, call.body
    if order["status"] != RO["IN_PROGRESS"]:
        raise Invalid(general=["Items can only be received against orders which are in progress"])
    raw: Sequence[Any] = body.items
    if not raw:
        raise Invalid(general=["Line items must be provided"])
    location = await connection.execute(
        sa.select(locations.c.id).where(locations.c.id == body.location)
    )
    if location.first() is None:
        raise Invalid({"location": [f'Invalid pk "{body.location}" - object does not exist.']})
    received: list[Mapping[str, Any]] = []
    errors: list[dict[str, list[str]]] = []
    for entry in raw:
        try:
            item = read_struct(ReturnOrderLineItemReceive, entry if isinstance(entry, dict) else {})
            received.append(await line_to_receive(connection, order["id"], item.item))
            errors.append({})
        except Invalid as problem:
            errors.append(problem.fields or {"non_field_errors": problem.general})
    if any(errors):
        raise Invalid({"items": errors})  # type: ignore[dict-item]
    for line in received:
        await ledger.return_from_customer(
            connection,
            line["item"],
            body.location,
            user_id=user_of(call),
            status=QUARANTINED,
            code=codes.RETURNED_AGAINST_RETURN_ORDER,
            deltas={"returnorder": order["id"]},
        )
        # A returned item is no longer allocated to a sales order (InvenTree's clearAllocations).
        await connection.execute(sa.delete(allocations).where(allocations.c.item == line["item"]))
    line_ids = [line["id"] for line in received]
    await connection.execute(
        sa.update(lines).where(lines.c.id.in_(line_ids)).values(received_date=today())
    )
    return {"items": list(raw), "location": body.location}


async def line_to_receive(connection: AsyncConnection, order_id: int, pk: int) -> Mapping[str, Any]:
    found = (await connection.execute(sa.select(lines).where(lines.c.id == pk))).first()
    if found is None:
        raise Invalid({"item": [f'Invalid pk "{pk}" - object does not exist.']})
    if found.order != order_id:
        raise Invalid({"item": ["Line item does not match return order"]})
    if found.received_date is not None:
        raise Invalid({"item": ["Line item has already been received"]})
    return dict(found._mapping)
