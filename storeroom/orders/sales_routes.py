"""Sales order actions (`/api/order/so/{id}/issue|hold|cancel|complete/`).

The allowed states are InvenTree's (SalesOrder.can_issue, can_hold, can_cancel; complete checks
can_complete itself). Where InvenTree answers 201 and changes nothing, storeroom refuses with a
400 (docs/api-behaviour.md, "Purchase orders").
"""

from __future__ import annotations

from storeroom.api.actions import action
from storeroom.models.order_sales import OPEN, SALES_ORDER
from storeroom.orders import sales
from storeroom.orders.schemas import SalesOrderComplete
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

routes = [ISSUE_SO.route, HOLD_SO.route, CANCEL_SO.route, COMPLETE_SO.route]
