"""Sales order transitions, as InvenTree's SalesOrder model makes them (order/models.py): issue
(IN_PROGRESS), hold, cancel (its allocations are released) and complete (SHIPPED, or COMPLETE
once shipped), which is refused while shipments or allocations are pending.

Which states issue, hold and cancel are allowed from is declared with their routes
(orders/sales_routes.py); complete checks its own, for InvenTree's messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.actions import ActionCall
from storeroom.errors import Invalid
from storeroom.models.clock import today
from storeroom.models.order_sales import (
    SALES_ORDER,
    SALES_ORDER_ALLOCATION,
    SALES_ORDER_LINE_ITEM,
    SALES_ORDER_SHIPMENT,
)
from storeroom.orders.schemas import SalesOrderComplete
from storeroom.orders.states import SO, set_status

orders, lines = SALES_ORDER.table, SALES_ORDER_LINE_ITEM.table
shipments, allocations = SALES_ORDER_SHIPMENT.table, SALES_ORDER_ALLOCATION.table


async def issue_sales_order(call: ActionCall[None]) -> None:
    await set_status(call.connection, orders, call.target["id"], SO["IN_PROGRESS"])


async def hold_sales_order(call: ActionCall[None]) -> None:
    await set_status(call.connection, orders, call.target["id"], SO["ON_HOLD"])


async def cancel_sales_order(call: ActionCall[None]) -> None:
    """CANCELLED; the stock allocated to the order's lines is released."""
    order_id = call.target["id"]
    await set_status(call.connection, orders, order_id, SO["CANCELLED"])
    order_lines = sa.select(lines.c.id).where(lines.c.order == order_id)
    await call.connection.execute(
        sa.delete(allocations).where(allocations.c.line.in_(order_lines.scalar_subquery()))
    )


async def complete_sales_order(call: ActionCall[SalesOrderComplete]) -> SalesOrderComplete:
    """SHIPPED (COMPLETE when already shipped), with today's shipment date if it had none."""
    order = call.target
    await check_can_complete(call.connection, order, call.body.accept_incomplete)
    status = SO["COMPLETE"] if order["status"] == SO["SHIPPED"] else SO["SHIPPED"]
    dates = {"shipment_date": today()} if order["shipment_date"] is None else {}
    await set_status(call.connection, orders, order["id"], status, **dates)
    return call.body


async def check_can_complete(
    connection: AsyncConnection, order: Mapping[str, Any], accept_incomplete: bool
) -> None:
    """InvenTree's SalesOrder.can_complete, its checks in its order."""
    status, order_id = order["status"], order["id"]
    if status == SO["COMPLETE"]:
        raise Invalid(general=["Order is already complete"])
    if status == SO["CANCELLED"]:
        raise Invalid(general=["Order is already cancelled"])
    pending_shipment = sa.select(shipments.c.id).where(
        shipments.c.order == order_id, shipments.c.shipment_date.is_(None)
    )
    if await exists(connection, pending_shipment):
        raise Invalid(general=["Order cannot be completed as there are incomplete shipments"])
    order_lines = sa.select(lines.c.id).where(lines.c.order == order_id).scalar_subquery()
    shipped = sa.select(shipments.c.id).where(shipments.c.shipment_date.is_not(None))
    pending_allocation = sa.select(allocations.c.id).where(
        allocations.c.line.in_(order_lines),
        sa.or_(allocations.c.shipment.is_(None), allocations.c.shipment.not_in(shipped)),
    )
    if await exists(connection, pending_allocation):
        raise Invalid(general=["Order cannot be completed as there are incomplete allocations"])
    pending_line = sa.select(lines.c.id).where(
        lines.c.order == order_id, lines.c.shipped < lines.c.quantity
    )
    if not accept_incomplete and await exists(connection, pending_line):
        raise Invalid(general=["Order cannot be completed as there are incomplete line items"])


async def exists(connection: AsyncConnection, query: sa.Select[tuple[int]]) -> bool:
    return (await connection.execute(query.limit(1))).first() is not None
