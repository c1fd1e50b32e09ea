"""POST /api/order/po/{id}/receive/: received lines become stock items through the ledger."""

from __future__ import annotations

from typing import Any

import pytest

from storeroom.models.company import COMPANY
from storeroom.models.order_purchase import PURCHASE_ORDER, PURCHASE_ORDER_LINE_ITEM
from storeroom.models.part import PART
from storeroom.models.stock import STOCK_LOCATION
from storeroom.models.supplier import SUPPLIER_PART
from tests.orders.conftest import COMPLETE, PENDING, PLACED, Orders, Row

RECEIVED_AGAINST_PURCHASE_ORDER = 70


@pytest.fixture
async def placed(orders: Orders) -> dict[str, Row]:
    """A placed order of one supplier with a priced line of 10 packs of 5, and a location."""
    supplier = await orders.made(COMPANY, is_supplier=True)
    part = await orders.made(PART, purchaseable=True, trackable=False)
    supplier_part = await orders.made(
        SUPPLIER_PART, part=part["pk"], supplier=supplier["pk"], pack_quantity="5"
    )
    order = await orders.made(PURCHASE_ORDER, PLACED, supplier=supplier["pk"])
    line = await orders.made(
        PURCHASE_ORDER_LINE_ITEM,
        order=order["pk"],
        part=supplier_part["pk"],
        quantity=10,
        purchase_price="20.00000",
        destination=None,
    )
    location = await orders.made(STOCK_LOCATION, structural=False)
    return {"order": order, "line": line, "part": part, "location": location}


async def receive(orders: Orders, order: Row, *items: dict[str, Any], **body: Any) -> Any:
    return await orders.act(PURCHASE_ORDER, order["pk"], "receive", items=list(items), **body)


async def stock_at(orders: Orders, location: Row) -> list[Row]:
    response = await orders.clients["admin"].get(f"/api/stock/?location={location['pk']}")
    return list(response.json())


async def test_receiving_creates_stock_at_the_location_with_price_and_history(
    orders: Orders, placed: dict[str, Row]
) -> None:
    order, line, location = placed["order"], placed["line"], placed["location"]
    item = {"line_item": line["pk"], "quantity": "4", "batch_code": "B-1"}
    response = await receive(orders, order, item, location=location["pk"])
    assert response.status_code == 201, response.text
    [stock] = await stock_at(orders, location)
    assert (stock["part"], stock["quantity"], stock["batch"]) == (placed["part"]["pk"], 20, "B-1")
    assert float(stock["purchase_price"]) == 4.0  # 20 a pack of 5
    history = await orders.clients["admin"].get(f"/api/stock/track/?item={stock['pk']}")
    [entry] = history.json()
    assert entry["tracking_type"] == RECEIVED_AGAINST_PURCHASE_ORDER
    assert entry["deltas"]["purchaseorder"] == order["pk"]
    assert (await orders.read(PURCHASE_ORDER_LINE_ITEM, line["pk"]))["received"] == 4
    assert (await orders.read(PURCHASE_ORDER, order["pk"]))["status"] == PLACED


async def test_receiving_every_line_completes_the_order(
    orders: Orders, placed: dict[str, Row]
) -> None:
    order, line, location = placed["order"], placed["line"], placed["location"]
    item = {"line_item": line["pk"], "quantity": "10", "location": location["pk"]}
    response = await receive(orders, order, item, location=None)
    assert response.status_code == 201, response.text
    stored = await orders.read(PURCHASE_ORDER, order["pk"])
    assert (stored["status"], stored["completed_lines"]) == (COMPLETE, 1)


async def test_the_line_destination_is_used_without_a_location(
    orders: Orders, placed: dict[str, Row]
) -> None:
    order, line, location = placed["order"], placed["line"], placed["location"]
    await orders.write(PURCHASE_ORDER_LINE_ITEM.table, line["pk"], destination=location["pk"])
    response = await receive(orders, order, {"line_item": line["pk"], "quantity": 1}, location=None)
    assert response.status_code == 201, response.text
    assert [stock["quantity"] for stock in await stock_at(orders, location)] == [5]


async def test_receiving_without_any_destination_is_refused(
    orders: Orders, placed: dict[str, Row]
) -> None:
    order, line = placed["order"], placed["line"]
    response = await receive(orders, order, {"line_item": line["pk"], "quantity": 1}, location=None)
    assert (response.status_code, response.json()) == (
        400,
        {"location": ["Destination location must be specified"]},
    )
    assert (await orders.read(PURCHASE_ORDER_LINE_ITEM, line["pk"]))["received"] == 0


async def test_serial_numbers_make_one_item_each(orders: Orders, placed: dict[str, Row]) -> None:
    order, line, location = placed["order"], placed["line"], placed["location"]
    item = {"line_item": line["pk"], "quantity": 1, "serial_numbers": "101-105"}
    response = await receive(orders, order, item, location=location["pk"])
    assert response.status_code == 201, response.text
    found = await stock_at(orders, location)
    assert sorted((stock["serial"], stock["quantity"]) for stock in found) == [
        (str(number), 1) for number in range(101, 106)
    ]


async def test_more_than_ordered_is_received_as_inventree_receives_it(
    orders: Orders, placed: dict[str, Row]
) -> None:
    order, line, location = placed["order"], placed["line"], placed["location"]
    item = {"line_item": line["pk"], "quantity": 12}
    response = await receive(orders, order, item, location=location["pk"])
    assert response.status_code == 201, response.text
    assert (await orders.read(PURCHASE_ORDER_LINE_ITEM, line["pk"]))["received"] == 12


async def test_a_line_of_another_order_is_refused_with_its_item(
    orders: Orders, placed: dict[str, Row]
) -> None:
    order, line, location = placed["order"], placed["line"], placed["location"]
    other = await orders.made(PURCHASE_ORDER_LINE_ITEM, quantity=3)
    items = ({"line_item": line["pk"], "quantity": 1}, {"line_item": other["pk"], "quantity": 1})
    response = await receive(orders, order, *items, location=location["pk"])
    assert (response.status_code, response.json()) == (
        400,
        {"items": [{}, {"line_item": ["Line item does not match purchase order"]}]},
    )
    assert await stock_at(orders, location) == []


async def test_a_quantity_of_zero_is_refused(orders: Orders, placed: dict[str, Row]) -> None:
    order, line, location = placed["order"], placed["line"], placed["location"]
    response = await receive(
        orders, order, {"line_item": line["pk"], "quantity": 0}, location=location["pk"]
    )
    assert (response.status_code, response.json()) == (
        400,
        {"items": [{"quantity": ["Quantity must be greater than zero"]}]},
    )


async def test_no_items_is_refused(orders: Orders, placed: dict[str, Row]) -> None:
    response = await receive(orders, placed["order"], location=placed["location"]["pk"])
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Line items must be provided"]},
    )


async def test_an_order_not_placed_cannot_be_received(
    orders: Orders, placed: dict[str, Row]
) -> None:
    order, line, location = placed["order"], placed["line"], placed["location"]
    await orders.write(PURCHASE_ORDER.table, order["pk"], status=PENDING)
    item = {"line_item": line["pk"], "quantity": 1}
    response = await receive(orders, order, item, location=location["pk"])
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Lines can only be received against an order marked as 'PLACED'"]},
    )
    assert await stock_at(orders, location) == []
