"""What every declared action does besides its work, shown on purchase orders: the permission,
the object's tenant, and the refusal rendered in each API dialect."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa

from storeroom.api.context import ApiContext
from storeroom.models.order_purchase import PURCHASE_ORDER
from tests.orders.conftest import CANCELLED, COMPLETE, PENDING, Orders

REFUSED = "Order cannot be cancelled"


async def test_a_user_without_the_change_right_on_purchase_orders_is_403(orders: Orders) -> None:
    order = await orders.order(PENDING)
    response = await orders.clients["viewer"].post(f"/api/order/po/{order['pk']}/issue/")
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}
    assert (await orders.stored(order))["status"] == PENDING


async def test_an_unknown_order_is_404(orders: Orders) -> None:
    response = await orders.clients["admin"].post("/api/order/po/999999/issue/")
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


async def test_another_tenants_order_is_404(orders: Orders) -> None:
    order = await orders.order(PENDING)
    response = await orders.clients["stranger"].post(f"/api/order/po/{order['pk']}/cancel/")
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    assert (await orders.stored(order))["status"] == PENDING


async def test_an_anonymous_caller_is_401(orders: Orders) -> None:
    order = await orders.order(PENDING)
    response = await orders.clients["admin"].post(
        f"/api/order/po/{order['pk']}/issue/", headers={"Authorization": ""}
    )
    assert response.status_code == 401
    assert (await orders.stored(order))["status"] == PENDING


async def test_deep_renders_a_refused_state_in_its_error_shape(orders: Orders) -> None:
    order = await orders.order(COMPLETE)
    response = await orders.clients["admin"].post(f"/api/v1/order/po/{order['pk']}/cancel/")
    body = response.json()
    assert (response.status_code, body["errorCode"]) == (400, 400)
    assert body["errors"] == {"nonFieldErrors": [REFUSED]}


async def test_djblets_renders_a_refused_state_in_its_error_shape(orders: Orders) -> None:
    order = await orders.order(COMPLETE)
    response = await orders.clients["admin"].post(
        f"/api/order/po/{order['pk']}/cancel/?api_format=json"
    )
    body = response.json()
    assert (response.status_code, body["stat"], body["err"]["code"]) == (400, "fail", 105)
    assert body["fields"] == {"__all__": [REFUSED]}


async def test_rbac_renders_a_refused_state_in_its_error_shape(orders: Orders) -> None:
    order = await orders.order(COMPLETE)
    response = await orders.clients["admin"].post(f"/api/rbac/v1/order/po/{order['pk']}/cancel/")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"detail": REFUSED, "source": "non_field_errors", "status": 400}
    ]


async def test_djblets_answers_a_done_action_in_its_envelope(orders: Orders) -> None:
    order = await orders.order(PENDING)
    response = await orders.clients["admin"].post(
        f"/api/order/po/{order['pk']}/hold/?api_format=json"
    )
    assert (response.status_code, response.json()) == (201, {"stat": "ok"})


async def test_deep_answers_an_action_body_in_camel_case(orders: Orders) -> None:
    order = await orders.order(PENDING)
    await orders.clients["admin"].post(f"/api/order/po/{order['pk']}/issue/")
    response = await orders.clients["admin"].post(
        f"/api/v1/order/po/{order['pk']}/complete/", json={"acceptIncomplete": True}
    )
    assert (response.status_code, response.json()) == (201, {"acceptIncomplete": True})


async def test_an_action_waits_for_a_concurrent_change_of_its_object_and_sees_it(
    orders: Orders,
) -> None:
    """The object is locked when it is read: an action never decides on a stale state."""
    context: ApiContext = orders.app.state.api
    if context.databases.is_sqlite:
        pytest.skip("SQLite has one writer at a time: there is no row lock to wait for")
    order = await orders.order(PENDING)
    async with context.databases.tenant_transaction("default") as connection:
        await connection.execute(
            sa.update(PURCHASE_ORDER.table)
            .where(PURCHASE_ORDER.table.c.id == order["pk"])
            .values(status=CANCELLED)
        )
        issuing = asyncio.create_task(
            orders.clients["admin"].post(f"/api/order/po/{order['pk']}/issue/")
        )
        await blocked_on_a_lock(context, issuing)
    response = await issuing
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Order cannot be issued"]},
    )
    assert (await orders.stored(order))["status"] == CANCELLED


async def blocked_on_a_lock(context: ApiContext, request: asyncio.Task[object]) -> None:
    """Returns once a PostgreSQL backend waits for a lock (or the request is already done)."""
    waiting = sa.text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    for _ in range(1200):
        async with context.databases.platform.connect() as connection:
            if (await connection.scalar(waiting)) or request.done():
                return
        await asyncio.sleep(0.05)
    raise AssertionError("the request neither finished nor waited for a lock")
