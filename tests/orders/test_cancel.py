"""POST /api/order/po/{id}/cancel/: any open order is cancelled (InvenTree's can_cancel), in
InvenTree's words when it is not open."""

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


@pytest.mark.parametrize("state", [PENDING, PLACED, ON_HOLD])
async def test_cancel_cancels_an_open_order(orders: Orders, state: int) -> None:
    order = await orders.order(state)
    response = await orders.clients["admin"].post(f"/api/order/po/{order['pk']}/cancel/")
    assert (response.status_code, response.json()) == (201, {})
    stored = await orders.stored(order)
    assert (stored["status"], stored["status_text"]) == (CANCELLED, "Cancelled")


@pytest.mark.parametrize("state", [COMPLETE, CANCELLED, LOST, RETURNED])
async def test_cancel_is_refused_for_an_order_that_is_not_open(orders: Orders, state: int) -> None:
    order = await orders.order(state)
    response = await orders.clients["admin"].post(f"/api/order/po/{order['pk']}/cancel/")
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Order cannot be cancelled"]},
    )
    assert (await orders.stored(order))["status"] == state
