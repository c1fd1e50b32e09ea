"""POST and PATCH /api/order/so-allocation/: an allocation written directly is checked as
InvenTree's SalesOrderAllocation.clean() checks it (and the allocate action does)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from storeroom.models.order_sales import (
    SALES_ORDER,
    SALES_ORDER_ALLOCATION,
    SALES_ORDER_LINE_ITEM,
    SALES_ORDER_SHIPMENT,
)
from storeroom.models.part import PART
from storeroom.models.stock import STOCK_ITEM
from storeroom.orders.states import SO
from tests.orders.conftest import Orders, Row


@pytest.fixture
async def sale(orders: Orders) -> dict[str, Row]:
    """An order line of 5 of a part, a shipment of the order, and 8 of the part in stock."""
    part = await orders.made(PART, salable=True, virtual=False, trackable=False)
    order = await orders.made(SALES_ORDER, SO["IN_PROGRESS"], customer=None)
    line = await orders.made(SALES_ORDER_LINE_ITEM, order=order["pk"], part=part["pk"], quantity=5)
    shipment = await orders.made(SALES_ORDER_SHIPMENT, order=order["pk"], shipment_date=None)
    item = await in_stock(orders, part=part["pk"], quantity=8)
    return {"part": part, "order": order, "line": line, "shipment": shipment, "item": item}


async def in_stock(orders: Orders, **fields: Any) -> Row:
    return await orders.made(
        STOCK_ITEM, **{"status": 10, "is_building": False, "serial": None, **fields}
    )


async def post(orders: Orders, sale: dict[str, Row], **fields: Any) -> httpx.Response:
    body = {
        "line": sale["line"]["pk"],
        "item": sale["item"]["pk"],
        "quantity": 2,
        "shipment": sale["shipment"]["pk"],
        **fields,
    }
    return await orders.clients["admin"].post(SALES_ORDER_ALLOCATION.path, json=body)


async def refused(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 400, response.text
    return dict(response.json())


async def test_an_allocation_within_the_free_quantity_is_created(
    orders: Orders, sale: dict[str, Row]
) -> None:
    response = await post(orders, sale, quantity=8)
    assert response.status_code == 201, response.text
    assert (response.json()["item"], response.json()["quantity"]) == (sale["item"]["pk"], 8)


@pytest.mark.parametrize("quantity", [0, -1])
async def test_a_quantity_of_zero_or_less_is_refused(
    orders: Orders, sale: dict[str, Row], quantity: int
) -> None:
    body = await refused(await post(orders, sale, quantity=quantity))
    assert body == {"quantity": ["Allocation quantity must be greater than zero"]}


async def test_more_than_the_item_holds_is_refused(orders: Orders, sale: dict[str, Row]) -> None:
    body = await refused(await post(orders, sale, quantity=9))
    assert body == {"quantity": ["Stock item is over-allocated"]}


async def test_more_than_other_allocations_leave_is_refused(
    orders: Orders, sale: dict[str, Row]
) -> None:
    assert (await post(orders, sale, quantity=6)).status_code == 201
    body = await refused(await post(orders, sale, quantity=3))
    assert body == {"quantity": ["Stock item is over-allocated"]}


async def test_an_update_does_not_count_its_own_quantity_twice(
    orders: Orders, sale: dict[str, Row]
) -> None:
    created = (await post(orders, sale, quantity=6)).json()
    path = f"{SALES_ORDER_ALLOCATION.path}{created['pk']}/"
    response = await orders.clients["admin"].patch(path, json={"quantity": 8})
    assert (response.status_code, response.json()["quantity"]) == (200, 8)
    body = await refused(await orders.clients["admin"].patch(path, json={"quantity": 9}))
    assert body == {"quantity": ["Stock item is over-allocated"]}


async def test_an_item_of_another_part_is_refused(orders: Orders, sale: dict[str, Row]) -> None:
    other = await orders.made(PART, salable=True, virtual=False)
    item = await in_stock(orders, part=other["pk"], quantity=8)
    body = await refused(await post(orders, sale, item=item["pk"]))
    assert body == {"item": ["Cannot allocate stock item to a line with a different part"]}


async def test_an_item_of_a_variant_of_the_part_is_accepted(
    orders: Orders, sale: dict[str, Row]
) -> None:
    variant = await orders.made(PART, salable=True, virtual=False, variant_of=sale["part"]["pk"])
    item = await in_stock(orders, part=variant["pk"], quantity=8)
    assert (await post(orders, sale, item=item["pk"])).status_code == 201


async def test_a_serialized_item_is_allocated_one_at_a_time(
    orders: Orders, sale: dict[str, Row]
) -> None:
    item = await in_stock(orders, part=sale["part"]["pk"], quantity=1, serial="77")
    body = await refused(await post(orders, sale, item=item["pk"], quantity=1.5))
    assert body == {"quantity": ["Quantity must be 1 for serialized stock item"]}
    assert (await post(orders, sale, item=item["pk"], quantity=1)).status_code == 201


async def test_a_shipment_of_another_order_is_refused(orders: Orders, sale: dict[str, Row]) -> None:
    other = await orders.made(SALES_ORDER, customer=None)
    shipment = await orders.made(SALES_ORDER_SHIPMENT, order=other["pk"], shipment_date=None)
    body = await refused(await post(orders, sale, shipment=shipment["pk"]))
    assert body == {
        "line": ["Sales order does not match shipment"],
        "shipment": ["Shipment does not match sales order"],
    }


async def test_a_shipped_shipment_is_refused(orders: Orders, sale: dict[str, Row]) -> None:
    shipped = await orders.made(
        SALES_ORDER_SHIPMENT, order=sale["order"]["pk"], shipment_date="2026-01-02"
    )
    body = await refused(await post(orders, sale, shipment=shipped["pk"]))
    assert body == {"shipment": ["Shipment has already been shipped"]}


async def test_a_line_without_a_part_takes_no_stock(orders: Orders, sale: dict[str, Row]) -> None:
    line = await orders.made(
        SALES_ORDER_LINE_ITEM, order=sale["order"]["pk"], part=None, quantity=1
    )
    body = await refused(await post(orders, sale, line=line["pk"]))
    assert body == {"line": ["Cannot allocate stock to a line without a part"]}
