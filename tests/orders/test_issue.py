"""POST /api/order/po/{id}/issue/: a pending or held order is placed (InvenTree's can_issue)."""

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


@pytest.mark.parametrize("state", [PENDING, ON_HOLD])
async def test_issue_places_the_order_and_records_the_issue_date(
    orders: Orders, state: int
) -> None:
    order = await orders.order(state)
    response = await orders.clients["admin"].post(f"/api/order/po/{order['pk']}/issue/")
    assert (response.status_code, response.json()) == (201, {})
    stored = await orders.stored(order)
    assert (stored["status"], stored["status_text"]) == (PLACED, "Placed")
    assert stored["issue_date"] == datetime.now(UTC).date().isoformat()


@pytest.mark.parametrize("state", [PLACED, COMPLETE, CANCELLED, LOST, RETURNED])
async def test_issue_is_refused_from_a_state_that_cannot_be_issued(
    orders: Orders, state: int
) -> None:
    order = await orders.order(state)
    response = await orders.clients["admin"].post(f"/api/order/po/{order['pk']}/issue/")
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Order cannot be issued"]},
    )
    stored = await orders.stored(order)
    assert (stored["status"], stored["issue_date"]) == (state, None)
