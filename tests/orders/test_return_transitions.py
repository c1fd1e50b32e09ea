"""POST /api/order/ro/{id}/issue|hold|cancel|complete/: InvenTree's ReturnOrder transitions, and
the return order and return line status classes."""

from __future__ import annotations

import pytest

from storeroom.models.order_return import RETURN_ORDER
from storeroom.orders.states import RO
from tests.orders.conftest import Orders

MOVES = [
    ("issue", "PENDING", "IN_PROGRESS"),
    ("issue", "ON_HOLD", "IN_PROGRESS"),
    ("hold", "PENDING", "ON_HOLD"),
    ("hold", "IN_PROGRESS", "ON_HOLD"),
    ("cancel", "PENDING", "CANCELLED"),
    ("cancel", "IN_PROGRESS", "CANCELLED"),
    ("cancel", "ON_HOLD", "CANCELLED"),
    ("complete", "IN_PROGRESS", "COMPLETE"),
]
REFUSED = [
    ("issue", "IN_PROGRESS", "Order cannot be issued"),
    ("issue", "COMPLETE", "Order cannot be issued"),
    ("hold", "ON_HOLD", "Order cannot be placed on hold"),
    ("hold", "CANCELLED", "Order cannot be placed on hold"),
    ("cancel", "COMPLETE", "Order cannot be cancelled"),
    ("cancel", "CANCELLED", "Order cannot be cancelled"),
    ("complete", "PENDING", "Order cannot be completed"),
    ("complete", "ON_HOLD", "Order cannot be completed"),
    ("complete", "COMPLETE", "Order cannot be completed"),
]


@pytest.mark.parametrize(("name", "state", "reached"), MOVES)
async def test_an_allowed_action_moves_the_order(
    orders: Orders, name: str, state: str, reached: str
) -> None:
    order = await orders.made(RETURN_ORDER, RO[state])
    response = await orders.act(RETURN_ORDER, order["pk"], name)
    assert (response.status_code, response.json()) == (201, {})
    assert (await orders.read(RETURN_ORDER, order["pk"]))["status"] == RO[reached]


@pytest.mark.parametrize(("name", "state", "message"), REFUSED)
async def test_a_refused_action_leaves_the_order_as_it_was(
    orders: Orders, name: str, state: str, message: str
) -> None:
    order = await orders.made(RETURN_ORDER, RO[state])
    response = await orders.act(RETURN_ORDER, order["pk"], name)
    assert (response.status_code, response.json()) == (400, {"non_field_errors": [message]})
    assert (await orders.read(RETURN_ORDER, order["pk"]))["status"] == RO[state]


async def test_a_user_without_change_permission_cannot_issue(orders: Orders) -> None:
    order = await orders.made(RETURN_ORDER)
    response = await orders.clients["viewer"].post(f"/api/order/ro/{order['pk']}/issue/")
    assert response.status_code == 403
    assert (await orders.read(RETURN_ORDER, order["pk"]))["status"] == RO["PENDING"]


async def test_the_status_endpoint_lists_the_return_order_states(orders: Orders) -> None:
    body = (await orders.clients["viewer"].get("/api/order/ro/status/")).json()
    assert body["class"] == "ReturnOrderStatus"
    assert {name: value["key"] for name, value in body["values"].items()} == RO


async def test_the_line_status_endpoint_lists_the_return_line_outcomes(orders: Orders) -> None:
    body = (await orders.clients["viewer"].get("/api/order/ro-line/status/")).json()
    assert body["class"] == "ReturnOrderLineStatus"
    assert [value["key"] for value in body["values"].values()] == [10, 20, 30, 40, 50, 60]
