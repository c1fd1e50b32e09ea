"""POST /api/order/po/{id}/complete/: a placed order is completed; while a line is not fully
received only with `accept_incomplete`."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.orders.conftest import (
    CANCELLED,
    COMPLETE,
    LOST,
    ON_HOLD,
    PENDING,
    PLACED,
    RETURNED,
    Orders,
)


async def complete(orders: Orders, order: dict, **body: object):
    return await orders.clients["admin"].post(f"/api/order/po/{order['pk']}/complete/", json=body)


async def test_complete_completes_a_placed_order_whose_lines_are_received(orders: Orders) -> None:
    order = await orders.order(PLACED)
    await orders.line(order, quantity=5, received=5)
    response = await complete(orders, order)
    assert (response.status_code, response.json()) == (201, {"accept_incomplete": False})
    stored = await orders.stored(order)
    assert (stored["status"], stored["status_text"]) == (COMPLETE, "Complete")
    assert stored["complete_date"] == datetime.now(UTC).date().isoformat()


async def test_complete_is_refused_while_a_line_is_not_fully_received(orders: Orders) -> None:
    order = await orders.order(PLACED)
    await orders.line(order, quantity=5, received=5)
    await orders.line(order, quantity=5, received=2)
    response = await complete(orders, order)
    assert (response.status_code, response.json()) == (
        400,
        {"accept_incomplete": ["Order has incomplete line items"]},
    )
    stored = await orders.stored(order)
    assert (stored["status"], stored["complete_date"]) == (PLACED, None)


async def test_accept_incomplete_completes_an_order_with_lines_outstanding(
    orders: Orders,
) -> None:
    order = await orders.order(PLACED)
    await orders.line(order, quantity=5, received=0)
    response = await complete(orders, order, accept_incomplete=True)
    assert (response.status_code, response.json()) == (201, {"accept_incomplete": True})
    assert (await orders.stored(order))["status"] == COMPLETE


async def test_accept_incomplete_that_is_not_a_boolean_is_400(orders: Orders) -> None:
    order = await orders.order(PLACED)
    response = await complete(orders, order, accept_incomplete="perhaps")
    assert (response.status_code, response.json()) == (
        400,
        {"accept_incomplete": ["Must be a valid boolean."]},
    )
    assert (await orders.stored(order))["status"] == PLACED


async def test_accept_incomplete_may_come_as_form_text(orders: Orders) -> None:
    order = await orders.order(PLACED)
    await orders.line(order, quantity=5, received=0)
    response = await orders.clients["admin"].post(
        f"/api/order/po/{order['pk']}/complete/", data={"accept_incomplete": "true"}
    )
    assert (response.status_code, response.json()) == (201, {"accept_incomplete": True})


@pytest.mark.parametrize("state", [PENDING, ON_HOLD, COMPLETE, CANCELLED, LOST, RETURNED])
async def test_complete_is_refused_for_an_order_that_is_not_placed(
    orders: Orders, state: int
) -> None:
    order = await orders.order(state)
    response = await complete(orders, order, accept_incomplete=True)
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Order cannot be completed"]},
    )
    stored = await orders.stored(order)
    assert (stored["status"], stored["complete_date"]) == (state, None)
