"""Purchase order transitions, as InvenTree's PurchaseOrder model makes them (order/models.py):
each sets the new status (leaving any custom state behind) and the date it records.

Which states each one is allowed from is declared with its route (orders/routes.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.actions import ActionCall
from storeroom.errors import Invalid
from storeroom.models.clock import today
from storeroom.models.order_purchase import (
    OPEN,
    PURCHASE_ORDER,
    PURCHASE_ORDER_LINE_ITEM,
)
from storeroom.models.status_classes import PURCHASE_ORDER_STATUS_VALUES
from storeroom.orders.schemas import PurchaseOrderComplete

KEYS = {name: key for name, key, _label, _color in PURCHASE_ORDER_STATUS_VALUES}
PENDING, PLACED, ON_HOLD = KEYS["PENDING"], KEYS["PLACED"], KEYS["ON_HOLD"]
COMPLETE, CANCELLED = KEYS["COMPLETE"], KEYS["CANCELLED"]
# PurchaseOrder.can_cancel: any open order.
CANCELLABLE = OPEN

orders, lines = PURCHASE_ORDER.table, PURCHASE_ORDER_LINE_ITEM.table


async def set_status(
    connection: AsyncConnection, order: Mapping[str, Any], status: int, **dates: Any
) -> None:
    await connection.execute(
        sa.update(orders)
        .where(orders.c.id == order["id"])
        .values(status=status, status_custom_key=None, **dates)
    )


async def issue_order(call: ActionCall[None]) -> None:
    """Place the order with its supplier: PLACED, issued today."""
    await set_status(call.connection, call.target, PLACED, issue_date=today())


async def hold_order(call: ActionCall[None]) -> None:
    await set_status(call.connection, call.target, ON_HOLD)


async def cancel_order(call: ActionCall[None]) -> None:
    await set_status(call.connection, call.target, CANCELLED)


async def complete_order(call: ActionCall[PurchaseOrderComplete]) -> PurchaseOrderComplete:
    """COMPLETE, completed today; refused while a line is not fully received, unless the body
    accepts that."""
    connection = call.connection
    if not call.body.accept_incomplete and await has_pending_lines(connection, call.target["id"]):
        raise Invalid.field("accept_incomplete", "Order has incomplete line items")
    await set_status(connection, call.target, COMPLETE, complete_date=today())
    return call.body


async def has_pending_lines(connection: AsyncConnection, order_id: int) -> bool:
    pending = sa.select(lines.c.id).where(
        lines.c.order == order_id, lines.c.quantity > lines.c.received
    )
    return (await connection.execute(pending.limit(1))).first() is not None
