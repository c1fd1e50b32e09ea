"""Return order transitions, as InvenTree's ReturnOrder model makes them (order/models.py):
issue (IN_PROGRESS), hold, cancel and complete (from IN_PROGRESS only).

Which states each one is allowed from is declared with its route (orders/return_routes.py).
"""

from __future__ import annotations

from storeroom.api.actions import ActionCall
from storeroom.models.order_return import RETURN_ORDER
from storeroom.orders.states import RO, set_status

orders = RETURN_ORDER.table


async def issue_return_order(call: ActionCall[None]) -> None:
    await set_status(call.connection, orders, call.target["id"], RO["IN_PROGRESS"])


async def hold_return_order(call: ActionCall[None]) -> None:
    await set_status(call.connection, orders, call.target["id"], RO["ON_HOLD"])


async def cancel_return_order(call: ActionCall[None]) -> None:
    await set_status(call.connection, orders, call.target["id"], RO["CANCELLED"])


async def complete_return_order(call: ActionCall[None]) -> None:
    await set_status(call.connection, orders, call.target["id"], RO["COMPLETE"])
