"""Shipping a sales order shipment (`POST /api/order/so/shipment/{id}/ship/`), as InvenTree's
SalesOrderShipment.complete_shipment does it: each allocated stock item (or the allocated
quantity split off it) leaves through the stock ledger to the order's customer with a "shipped
against sales order" entry, the allocation follows the item sent, the line's `shipped` grows,
and the shipment records its date, tracking and invoice numbers and link.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.actions import ActionCall
from storeroom.errors import Invalid
from storeroom.models.clock import today
from storeroom.models.order_sales import (
    SALES_ORDER,
    SALES_ORDER_ALLOCATION,
    SALES_ORDER_LINE_ITEM,
    SALES_ORDER_SHIPMENT,
)
from storeroom.orders.schemas import SalesOrderShipmentComplete
from storeroom.orders.states import user_of
from storeroom.stock import codes, ledger

orders, lines = SALES_ORDER.table, SALES_ORDER_LINE_ITEM.table
shipments, allocations = SALES_ORDER_SHIPMENT.table, SALES_ORDER_ALLOCATION.table


async def ship(call: ActionCall[SalesOrderShipmentComplete]) -> dict[str, Any]:
    connection, shipment, body = call.connection, call.target, call.body
    if shipment["shipment_date"] is not None:
        raise Invalid(general=["Shipment has already been shipped"])
    found = await connection.execute(
        sa.select(allocations).where(allocations.c.shipment == shipment["id"])
    )
    allocated = [dict(row._mapping) for row in found]
    if not allocated:
        raise Invalid(general=["Shipment has no allocated stock items"])
    order_query = sa.select(orders.c.customer).where(orders.c.id == shipment["order"])
    customer = (await connection.execute(order_query)).scalar()
    if customer is None:
        raise Invalid(general=["The sales order has no customer to ship to"])
    for allocation in allocated:
        sent = await ledger.assign_to_customer(
            connection,
            allocation["item"],
            customer,
            user_id=user_of(call),
            quantity=allocation["quantity"],
            sales_order=shipment["order"],
            code=codes.SHIPPED_AGAINST_SALES_ORDER,
            deltas={"salesorder": shipment["order"]},
        )
        await connection.execute(
            sa.update(allocations).where(allocations.c.id == allocation["id"]).values(item=sent)
        )
        await connection.execute(
            sa.update(lines)
            .where(lines.c.id == allocation["line"])
            .values(shipped=lines.c.shipped + allocation["quantity"])
        )
    values = {
        "shipment_date": body.shipment_date or today(),
        "delivery_date": body.delivery_date,
        "tracking_number": body.tracking_number or shipment["tracking_number"],
        "invoice_number": body.invoice_number or shipment["invoice_number"],
        "link": body.link or shipment["link"],
    }
    await connection.execute(
        sa.update(shipments).where(shipments.c.id == shipment["id"]).values(**values)
    )
    return {name: (str(value) if value is not None else None) for name, value in values.items()}
