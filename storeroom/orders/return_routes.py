"""Return order actions (`/api/order/ro/{id}/issue|hold|cancel|complete/`).

The allowed states are InvenTree's (ReturnOrder.can_issue, can_hold, can_cancel, and
IN_PROGRESS for complete). Where InvenTree answers 201 and changes nothing, storeroom refuses
with a 400 (docs/api-behaviour.md, "Purchase orders").
"""

from __future__ import annotations

from storeroom.api.actions import action
from storeroom.models.order_return import OPEN, RETURN_ORDER
from storeroom.orders import returns
from storeroom.orders.schemas import ReturnOrderReceive
from storeroom.orders.states import RO

CHANGE_ORDER = ("return_order", "change")

ISSUE_RO = action(
    RETURN_ORDER,
    "issue",
    permission=CHANGE_ORDER,
    allowed_from=(RO["PENDING"], RO["ON_HOLD"]),
    refused="Order cannot be issued",
    run=returns.issue_return_order,
    description="API endpoint to issue (place) a ReturnOrder.",
)
HOLD_RO = action(
    RETURN_ORDER,
    "hold",
    permission=CHANGE_ORDER,
    allowed_from=(RO["PENDING"], RO["IN_PROGRESS"]),
    refused="Order cannot be placed on hold",
    run=returns.hold_return_order,
    description="API endpoint to hold a ReturnOrder.",
)
CANCEL_RO = action(
    RETURN_ORDER,
    "cancel",
    permission=CHANGE_ORDER,
    allowed_from=OPEN,
    refused="Order cannot be cancelled",
    run=returns.cancel_return_order,
    description="API endpoint to cancel a ReturnOrder.",
)
COMPLETE_RO = action(
    RETURN_ORDER,
    "complete",
    permission=CHANGE_ORDER,
    allowed_from=(RO["IN_PROGRESS"],),
    refused="Order cannot be completed",
    run=returns.complete_return_order,
    description="API endpoint to complete a ReturnOrder.",
)

RECEIVE_RO = action(
    RETURN_ORDER,
    "receive",
    body=ReturnOrderReceive,
    response=ReturnOrderReceive,
    permission=CHANGE_ORDER,
    run=returns.receive_return_order,
    description="API endpoint to receive items against a ReturnOrder.",
)

routes = [ISSUE_RO.route, HOLD_RO.route, CANCEL_RO.route, COMPLETE_RO.route, RECEIVE_RO.route]
