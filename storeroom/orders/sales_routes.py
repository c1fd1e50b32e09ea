"""Sales order actions (`/api/order/so/{id}/<action>/`: issue, hold, cancel, complete, allocate,
allocate-serials) and shipping a shipment (`/api/order/so/shipment/{id}/ship/`).

The allowed states are InvenTree's (SalesOrder.can_issue, can_hold, can_cancel; complete checks
can_complete itself). Where InvenTree answers 201 and changes nothing, storeroom refuses with a
400 (docs/api-behaviour.md, "Purchase orders").
"""

from __future__ import annotations

from storeroom.api.actions import action
from storeroom.models.order_sales import OPEN, SALES_ORDER, SALES_ORDER_SHIPMENT
from storeroom.orders import allocation, sales, shipments
from storeroom.orders.schemas import (
    SalesOrderComplete,
    SalesOrderSerialAllocation,
    SalesOrderShipmentAllocation,
    SalesOrderShipmentComplete,
)
from storeroom.orders.states import SO

CHANGE_ORDER = ("sales_order", "change")

ISSUE_SO = action(
    SALES_ORDER,
    "issue",
    permission=CHANGE_ORDER,
    allowed_from=(SO["PENDING"], SO["ON_HOLD"]),
    refused="Order cannot be issued",
    run=sales.issue_sales_order,
    description="API endpoint to issue a SalesOrder.",
)
HOLD_SO = action(
    SALES_ORDER,
    "hold",
    permission=CHANGE_ORDER,
    allowed_from=(SO["PENDING"], SO["IN_PROGRESS"]),
    refused="Order cannot be placed on hold",
    run=sales.hold_sales_order,
    description="API endpoint to place a SalesOrder on hold.",
)
CANCEL_SO = action(
    SALES_ORDER,
    "cancel",
    permission=CHANGE_ORDER,
    allowed_from=OPEN,
    refused="Order cannot be cancelled",
    run=sales.cancel_sales_order,
    description="API endpoint to cancel a SalesOrder.",
)
COMPLETE_SO = action(
    SALES_ORDER,
    "complete",
    body=SalesOrderComplete,
    response=SalesOrderComplete,
    permission=CHANGE_ORDER,
    run=sales.complete_sales_order,
    description="API endpoint for manually marking a SalesOrder as complete.",
)

ALLOCATE_SO = action(
    SALES_ORDER,
    "allocate",
    body=SalesOrderShipmentAllocation,
    response=SalesOrderShipmentAllocation,
    permission=CHANGE_ORDER,
    run=allocation.allocate,
    description="API endpoint to allocate stock items against a SalesOrder.",
)
ALLOCATE_SERIALS_SO = action(
    SALES_ORDER,
    "allocate-serials",
    body=SalesOrderSerialAllocation,
    response=SalesOrderSerialAllocation,
    permission=CHANGE_ORDER,
    run=allocation.allocate_serials,
    description="API endpoint to allocate stock items against a SalesOrder by serial numbers.",
)
SHIP_SHIPMENT = action(
    SALES_ORDER_SHIPMENT,
    "ship",
    body=SalesOrderShipmentComplete,
    response=SalesOrderShipmentComplete,
    permission=CHANGE_ORDER,
    run=shipments.ship,
    description="API endpoint for completing (shipping) a SalesOrderShipment.",
)

routes = [
    ISSUE_SO.route,
    HOLD_SO.route,
    CANCEL_SO.route,
    COMPLETE_SO.route,
    ALLOCATE_SO.route,
    ALLOCATE_SERIALS_SO.route,
    SHIP_SHIPMENT.route,
]
