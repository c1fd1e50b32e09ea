"""Purchase order actions (`/api/order/po/{id}/issue|hold|cancel|complete/`), and every order
route of the capability (sales, returns, status classes).

The allowed states are InvenTree's (PurchaseOrder.can_issue, can_hold, can_cancel, and PLACED
for complete). InvenTree answers 201 and changes nothing where it does not allow issue, hold or
complete; storeroom refuses with a 400 (docs/api-behaviour.md, "Purchase orders").
"""

from __future__ import annotations

from storeroom.api.actions import action
from storeroom.models.order_purchase import PURCHASE_ORDER
from storeroom.orders import receive, return_routes, sales_routes, service, status_routes
from storeroom.orders.schemas import PurchaseOrderComplete, PurchaseOrderReceive
from storeroom.orders.service import CANCELLABLE, ON_HOLD, PENDING, PLACED

CHANGE_ORDER = ("purchase_order", "change")

ISSUE_PO = action(
    PURCHASE_ORDER,
    "issue",
    permission=CHANGE_ORDER,
    allowed_from=(PENDING, ON_HOLD),
    refused="Order cannot be issued",
    run=service.issue_order,
    description="API endpoint to 'issue' (place) a PurchaseOrder.",
)
HOLD_PO = action(
    PURCHASE_ORDER,
    "hold",
    permission=CHANGE_ORDER,
    allowed_from=(PENDING, PLACED),
    refused="Order cannot be placed on hold",
    run=service.hold_order,
    description="API endpoint to place a PurchaseOrder on hold.",
)
CANCEL_PO = action(
    PURCHASE_ORDER,
    "cancel",
    permission=CHANGE_ORDER,
    allowed_from=CANCELLABLE,
    refused="Order cannot be cancelled",
    run=service.cancel_order,
    description="API endpoint to 'cancel' a purchase order.",
)
COMPLETE_PO = action(
    PURCHASE_ORDER,
    "complete",
    body=PurchaseOrderComplete,
    response=PurchaseOrderComplete,
    permission=CHANGE_ORDER,
    allowed_from=(PLACED,),
    refused="Order cannot be completed",
    run=service.complete_order,
    description="API endpoint to 'complete' a purchase order.",
)
RECEIVE_PO = action(
    PURCHASE_ORDER,
    "receive",
    body=PurchaseOrderReceive,
    response=PurchaseOrderReceive,
    permission=CHANGE_ORDER,
    allowed_from=(PLACED,),
    refused="Lines can only be received against an order marked as 'PLACED'",
    run=receive.receive_order,
    description="API endpoint to receive stock items against a PurchaseOrder.",
)


routes = [
    RECEIVE_PO.route,
    ISSUE_PO.route,
    HOLD_PO.route,
    CANCEL_PO.route,
    COMPLETE_PO.route,
    *sales_routes.routes,
    *return_routes.routes,
    *status_routes.routes,
]
