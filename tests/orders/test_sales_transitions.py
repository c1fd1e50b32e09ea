"""POST /api/order/so/{id}/issue|hold|cancel|complete/: InvenTree's SalesOrder transitions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storeroom.models.order_sales import (
    SALES_ORDER,
    SALES_ORDER_ALLOCATION,
    SALES_ORDER_LINE_ITEM,
    SALES_ORDER_SHIPMENT,
)
from storeroom.orders.states import SO
from tests.orders.conftest import Orders, Row

ALL = tuple(SO.values())


async def sales_order(orders: Orders, state: str) -> Row:
    return await orders.made(SALES_ORDER, SO[state])


async def check_refused(orders: Orders, order: Row, name: str, message: str) -> None:
    """The action answers 400 with `message` and leaves the order as it was."""
    before = await orders.read(SALES_ORDER, order["pk"])
    response = await orders.act(SALES_ORDER, order["pk"], name)
    assert (response.status_code, response.json()) == (400, {"non_field_errors": [message]})
    assert await orders.read(SALES_ORDER, order["pk"]) == before


@pytest.mark.parametrize("state", ["PENDING", "ON_HOLD"])
async def test_issue_puts_a_pending_or_held_order_in_progress(orders: Orders, state: str) -> None:
    order = await sales_order(orders, state)
    response = await orders.act(SALES_ORDER, order["pk"], "issue")
    assert (response.status_code, response.json()) == (201, {})
    stored = await orders.read(SALES_ORDER, order["pk"])
    assert (stored["status"], stored["status_text"]) == (SO["IN_PROGRESS"], "In Progress")


@pytest.mark.parametrize("state", ["IN_PROGRESS", "SHIPPED", "COMPLETE", "CANCELLED", "LOST"])
async def test_issue_is_refused_from_other_states(orders: Orders, state: str) -> None:
    order = await sales_order(orders, state)
    await check_refused(orders, order, "issue", "Order cannot be issued")


@pytest.mark.parametrize("state", ["PENDING", "IN_PROGRESS"])
async def test_hold_holds_a_pending_or_issued_order(orders: Orders, state: str) -> None:
    order = await sales_order(orders, state)
    response = await orders.act(SALES_ORDER, order["pk"], "hold")
    assert (response.status_code, response.json()) == (201, {})
    assert (await orders.read(SALES_ORDER, order["pk"]))["status"] == SO["ON_HOLD"]


@pytest.mark.parametrize("state", ["ON_HOLD", "SHIPPED", "COMPLETE", "CANCELLED"])
async def test_hold_is_refused_from_other_states(orders: Orders, state: str) -> None:
    order = await sales_order(orders, state)
    await check_refused(orders, order, "hold", "Order cannot be placed on hold")


async def test_cancel_cancels_an_open_order_and_releases_its_allocations(orders: Orders) -> None:
    order = await sales_order(orders, "IN_PROGRESS")
    line = await orders.sales_line(order=order["pk"], quantity=2)
    kept = await orders.made(SALES_ORDER_ALLOCATION, quantity=1)
    await orders.allocation(line, 1)
    response = await orders.act(SALES_ORDER, order["pk"], "cancel")
    assert (response.status_code, response.json()) == (201, {})
    assert (await orders.read(SALES_ORDER, order["pk"]))["status"] == SO["CANCELLED"]
    remaining = await orders.clients["admin"].get(f"/api/order/so-allocation/?line={line['pk']}")
    assert remaining.json() == []
    # Another order's allocation stays.
    assert (await orders.read(SALES_ORDER_ALLOCATION, kept["pk"]))["quantity"] == 1


@pytest.mark.parametrize("state", ["SHIPPED", "COMPLETE", "CANCELLED", "LOST", "RETURNED"])
async def test_cancel_is_refused_once_the_order_is_closed(orders: Orders, state: str) -> None:
    order = await sales_order(orders, state)
    await check_refused(orders, order, "cancel", "Order cannot be cancelled")


async def test_complete_ships_an_order_whose_lines_are_shipped(orders: Orders) -> None:
    order = await sales_order(orders, "IN_PROGRESS")
    line = await orders.made(SALES_ORDER_LINE_ITEM, order=order["pk"], quantity=2)
    await orders.write(SALES_ORDER_LINE_ITEM.table, line["pk"], shipped=2)
    response = await orders.act(SALES_ORDER, order["pk"], "complete")
    assert (response.status_code, response.json()) == (201, {"accept_incomplete": False})
    stored = await orders.read(SALES_ORDER, order["pk"])
    assert (stored["status"], stored["status_text"]) == (SO["SHIPPED"], "Shipped")
    assert stored["shipment_date"] == datetime.now(UTC).date().isoformat()


async def test_complete_of_a_shipped_order_completes_it(orders: Orders) -> None:
    order = await sales_order(orders, "SHIPPED")
    response = await orders.act(SALES_ORDER, order["pk"], "complete")
    assert response.status_code == 201
    assert (await orders.read(SALES_ORDER, order["pk"]))["status"] == SO["COMPLETE"]


async def test_complete_is_refused_while_a_line_is_not_shipped(orders: Orders) -> None:
    order = await sales_order(orders, "IN_PROGRESS")
    await orders.made(SALES_ORDER_LINE_ITEM, order=order["pk"], quantity=2)
    message = "Order cannot be completed as there are incomplete line items"
    await check_refused(orders, order, "complete", message)


async def test_complete_accepts_unshipped_lines_when_asked(orders: Orders) -> None:
    order = await sales_order(orders, "IN_PROGRESS")
    await orders.made(SALES_ORDER_LINE_ITEM, order=order["pk"], quantity=2)
    response = await orders.act(SALES_ORDER, order["pk"], "complete", accept_incomplete=True)
    assert (response.status_code, response.json()) == (201, {"accept_incomplete": True})
    assert (await orders.read(SALES_ORDER, order["pk"]))["status"] == SO["SHIPPED"]


async def test_complete_is_refused_while_a_shipment_is_pending(orders: Orders) -> None:
    order = await sales_order(orders, "IN_PROGRESS")
    await orders.made(SALES_ORDER_SHIPMENT, order=order["pk"], shipment_date=None)
    message = "Order cannot be completed as there are incomplete shipments"
    await check_refused(orders, order, "complete", message)


async def test_complete_is_refused_while_stock_is_allocated_but_not_shipped(
    orders: Orders,
) -> None:
    order = await sales_order(orders, "IN_PROGRESS")
    line = await orders.sales_line(order=order["pk"], quantity=2)
    await orders.allocation(line, 1)
    message = "Order cannot be completed as there are incomplete allocations"
    await check_refused(orders, order, "complete", message)


@pytest.mark.parametrize(
    ("state", "message"),
    [("COMPLETE", "Order is already complete"), ("CANCELLED", "Order is already cancelled")],
)
async def test_complete_is_refused_for_a_closed_order(
    orders: Orders, state: str, message: str
) -> None:
    order = await sales_order(orders, state)
    await check_refused(orders, order, "complete", message)


async def test_the_status_endpoint_lists_the_sales_order_states(orders: Orders) -> None:
    body = (await orders.clients["viewer"].get("/api/order/so/status/")).json()
    assert body["class"] == "SalesOrderStatus"
    assert {name: value["key"] for name, value in body["values"].items()} == SO
    assert len(ALL) == 8
