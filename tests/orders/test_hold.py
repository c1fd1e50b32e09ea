"""POST /api/order/po/{id}/hold/: a pending or placed order goes on hold (InvenTree's can_hold)."""

from __future__ import annotations

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


@pytest.mark.parametrize("state", [PENDING, PLACED])
async def test_hold_puts_the_order_on_hold(orders: Orders, state: int) -> None:
    order = await orders.order(state)
    response = await orders.clients["admin"].post(f"/api/order/po/{order['pk']}/hold/")
    assert (response.status_code, response.json()) == (201, {})
    stored = await orders.stored(order)
    assert (stored["status"], stored["status_text"]) == (ON_HOLD, "On Hold")


@pytest.mark.parametrize("state", [ON_HOLD, COMPLETE, CANCELLED, LOST, RETURNED])
async def test_hold_is_refused_from_a_state_that_cannot_be_held(orders: Orders, state: int) -> None:
    order = await orders.order(state)
    response = await orders.clients["admin"].post(f"/api/order/po/{order['pk']}/hold/")
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Order cannot be placed on hold"]},
    )
    assert (await orders.stored(order))["status"] == state
