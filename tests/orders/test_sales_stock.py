"""Sales order stock: POST /api/order/so/{id}/allocate/ and allocate-serials/ (quantities against
what is free), and POST /api/order/so/shipment/{id}/ship/ (stock leaves to the customer)."""

from __future__ import annotations

from typing import Any

import pytest

from storeroom.models.company import COMPANY
from storeroom.models.order_sales import (
    SALES_ORDER,
    SALES_ORDER_LINE_ITEM,
    SALES_ORDER_SHIPMENT,
)
from storeroom.models.part import PART
from storeroom.models.stock import STOCK_ITEM, STOCK_LOCATION
from storeroom.orders.states import SO
from tests.orders.conftest import Orders, Row

SHIPPED_AGAINST_SALES_ORDER = 60


@pytest.fixture
async def sale(orders: Orders) -> dict[str, Row]:
    """An issued order of 5 of a part for a customer, a shipment, and 8 of the part in stock."""
    customer = await orders.made(COMPANY, is_customer=True)
    part = await orders.made(PART, salable=True, virtual=False, trackable=False)
    order = await orders.made(SALES_ORDER, SO["IN_PROGRESS"], customer=customer["pk"])
    line = await orders.made(SALES_ORDER_LINE_ITEM, order=order["pk"], part=part["pk"], quantity=5)
    shipment = await orders.made(SALES_ORDER_SHIPMENT, order=order["pk"], reference="1")
    location = await orders.made(STOCK_LOCATION, structural=False)
    item = await in_stock(orders, part=part["pk"], quantity=8, location=location["pk"])
    return {
        "customer": customer,
        "part": part,
        "order": order,
        "line": line,
        "shipment": shipment,
        "item": item,
    }


async def in_stock(orders: Orders, **fields: Any) -> Row:
    """A stock item available for allocation (the factory's own values may not be)."""
    return await orders.made(
        STOCK_ITEM, **{"status": 10, "is_building": False, "serial": None, **fields}
    )


async def allocate(orders: Orders, sale: dict[str, Row], quantity: Any, **item: Any) -> Any:
    entry = {"line_item": sale["line"]["pk"], "stock_item": sale["item"]["pk"]}
    entry |= {"quantity": quantity, **item}
    body = {"items": [entry], "shipment": sale["shipment"]["pk"]}
    return await orders.act(SALES_ORDER, sale["order"]["pk"], "allocate", **body)


async def allocations_of(orders: Orders, line: Row) -> list[Row]:
    response = await orders.clients["admin"].get(f"/api/order/so-allocation/?line={line['pk']}")
    return list(response.json())


async def test_allocate_records_the_allocation_on_the_shipment(
    orders: Orders, sale: dict[str, Row]
) -> None:
    response = await allocate(orders, sale, "3")
    assert response.status_code == 201, response.text
    [found] = await allocations_of(orders, sale["line"])
    assert (found["item"], found["quantity"], found["shipment"]) == (
        sale["item"]["pk"],
        3,
        sale["shipment"]["pk"],
    )
    assert (found["order"], found["part"]) == (sale["order"]["pk"], sale["part"]["pk"])


async def test_allocating_more_than_is_free_is_refused(
    orders: Orders, sale: dict[str, Row]
) -> None:
    assert (await allocate(orders, sale, 6)).status_code == 201
    response = await allocate(orders, sale, 3)
    assert (response.status_code, response.json()) == (
        400,
        {"items": [{"quantity": ["Available quantity (2) exceeded"]}]},
    )
    assert [found["quantity"] for found in await allocations_of(orders, sale["line"])] == [6]


async def test_stock_of_another_part_is_refused(orders: Orders, sale: dict[str, Row]) -> None:
    other = await in_stock(orders, quantity=5)
    response = await allocate(orders, sale, 1, stock_item=other["pk"])
    assert (response.status_code, response.json()) == (
        400,
        {"items": [{"stock_item": ["Cannot allocate stock item to a line with a different part"]}]},
    )


async def test_a_line_of_another_order_is_refused(orders: Orders, sale: dict[str, Row]) -> None:
    other = await orders.made(SALES_ORDER_LINE_ITEM, part=sale["part"]["pk"], quantity=1)
    response = await allocate(orders, sale, 1, line_item=other["pk"])
    assert (response.status_code, response.json()) == (
        400,
        {"items": [{"line_item": ["Line item is not associated with this order"]}]},
    )


async def test_allocate_serials_allocates_one_item_per_serial(
    orders: Orders, sale: dict[str, Row]
) -> None:
    part = sale["part"]
    for serial in ("7", "8"):
        await in_stock(orders, part=part["pk"], quantity=1, serial=serial)
    body = {"line_item": sale["line"]["pk"], "quantity": 2, "serial_numbers": "7,8"}
    body["shipment"] = sale["shipment"]["pk"]
    response = await orders.act(SALES_ORDER, sale["order"]["pk"], "allocate-serials", **body)
    assert response.status_code == 201, response.text
    found = await allocations_of(orders, sale["line"])
    assert sorted((row["serial"], row["quantity"]) for row in found) == [("7", 1), ("8", 1)]


async def test_allocate_serials_refuses_unknown_serials(
    orders: Orders, sale: dict[str, Row]
) -> None:
    body = {"line_item": sale["line"]["pk"], "quantity": 1, "serial_numbers": "999"}
    body["shipment"] = sale["shipment"]["pk"]
    response = await orders.act(SALES_ORDER, sale["order"]["pk"], "allocate-serials", **body)
    assert (response.status_code, response.json()) == (
        400,
        {"serial_numbers": ["No match found for the following serial numbers: 999"]},
    )
    assert await allocations_of(orders, sale["line"]) == []


async def test_shipping_sends_the_allocated_stock_to_the_customer(
    orders: Orders, sale: dict[str, Row]
) -> None:
    assert (await allocate(orders, sale, 5)).status_code == 201
    shipment = sale["shipment"]
    response = await orders.act(
        SALES_ORDER_SHIPMENT, shipment["pk"], "ship", tracking_number="TRK-1"
    )
    assert response.status_code == 201, response.text
    stored = await orders.read(SALES_ORDER_SHIPMENT, shipment["pk"])
    assert (stored["tracking_number"], stored["shipment_date"] is not None) == ("TRK-1", True)
    assert (await orders.read(SALES_ORDER_LINE_ITEM, sale["line"]["pk"]))["shipped"] == 5
    # 5 split off to the customer; 3 stay in stock.
    assert (await orders.read(STOCK_ITEM, sale["item"]["pk"]))["quantity"] == 3
    [allocation] = await allocations_of(orders, sale["line"])
    sent = await orders.read(STOCK_ITEM, allocation["item"])
    assert (sent["quantity"], sent["customer"], sent["location"]) == (
        5,
        sale["customer"]["pk"],
        None,
    )
    history = await orders.clients["admin"].get(f"/api/stock/track/?item={sent['pk']}")
    codes = [entry["tracking_type"] for entry in history.json()]
    assert SHIPPED_AGAINST_SALES_ORDER in codes
    completed = await orders.act(SALES_ORDER, sale["order"]["pk"], "complete")
    assert completed.status_code == 201, completed.text
    assert (await orders.read(SALES_ORDER, sale["order"]["pk"]))["status"] == SO["SHIPPED"]


async def test_a_shipment_without_allocations_cannot_ship(
    orders: Orders, sale: dict[str, Row]
) -> None:
    response = await orders.act(SALES_ORDER_SHIPMENT, sale["shipment"]["pk"], "ship")
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Shipment has no allocated stock items"]},
    )
    assert (await orders.read(SALES_ORDER_SHIPMENT, sale["shipment"]["pk"]))[
        "shipment_date"
    ] is None
