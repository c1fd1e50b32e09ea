"""Order lines' nested objects asked for by query parameter (InvenTree's line serializers, all
off by default): a purchase line's `part_detail` (its internal part and its supplier part) and
`order_detail`, a sales line's `part_detail` and `order_detail`, a return line's `item_detail`,
`part_detail` (the item's part) and `order_detail`, and an extra line's `order_detail`."""

from __future__ import annotations

import pytest

from storeroom.api.resource import Resource
from storeroom.models.order_purchase import (
    PURCHASE_ORDER,
    PURCHASE_ORDER_EXTRA_LINE,
    PURCHASE_ORDER_LINE_ITEM,
)
from storeroom.models.order_return import (
    RETURN_ORDER,
    RETURN_ORDER_EXTRA_LINE,
    RETURN_ORDER_LINE_ITEM,
)
from storeroom.models.order_sales import (
    SALES_ORDER,
    SALES_ORDER_ALLOCATION,
    SALES_ORDER_EXTRA_LINE,
    SALES_ORDER_LINE_ITEM,
    SALES_ORDER_SHIPMENT,
)
from storeroom.models.part import PART
from storeroom.models.stock import STOCK_ITEM
from storeroom.models.supplier import SUPPLIER_PART
from tests.orders.conftest import Orders, Row

DETAILS = ("part_detail", "supplier_part_detail", "order_detail", "item_detail")


async def read_line(orders: Orders, resource: Resource, line: Row, query: str) -> list[Row]:
    """The line (or shipment) as its list, filtered to its order, and its detail answer it with
    `query`."""
    admin = orders.clients["admin"]
    listed = await admin.get(f"{resource.path}?order={line['order']}&{query}")
    detail = await admin.get(f"{resource.path}{line['pk']}/?{query}")
    assert (listed.status_code, detail.status_code) == (200, 200), listed.text + detail.text
    return [*listed.json(), detail.json()]


async def purchase_line(orders: Orders) -> tuple[Row, Row, Row]:
    """A purchase line, its supplier part and that supplier part's part."""
    part = await orders.made(PART, purchaseable=True)
    supplier_part = await orders.made(SUPPLIER_PART, part=part["pk"])
    order = await orders.made(PURCHASE_ORDER, supplier=supplier_part["supplier"])
    line = await orders.made(
        PURCHASE_ORDER_LINE_ITEM, order=order["pk"], part=supplier_part["pk"], quantity=3
    )
    return line, supplier_part, part


async def test_a_purchase_line_has_no_nested_objects_by_default(orders: Orders) -> None:
    line, _, _ = await purchase_line(orders)
    for row in await read_line(orders, PURCHASE_ORDER_LINE_ITEM, line, ""):
        assert not set(DETAILS) & set(row)
        assert row["destination_detail"] is None


async def test_a_purchase_lines_part_detail_is_its_part_and_supplier_part(orders: Orders) -> None:
    line, supplier_part, part = await purchase_line(orders)
    for row in await read_line(orders, PURCHASE_ORDER_LINE_ITEM, line, "part_detail=true"):
        assert (row["part_detail"]["pk"], row["part_detail"]["name"]) == (part["pk"], part["name"])
        assert row["part_detail"]["purchaseable"] is True
        assert row["supplier_part_detail"]["pk"] == supplier_part["pk"]
        assert row["supplier_part_detail"]["SKU"] == supplier_part["SKU"]
        assert "order_detail" not in row


async def test_part_detail_false_leaves_the_parts_out(orders: Orders) -> None:
    line, _, _ = await purchase_line(orders)
    for row in await read_line(orders, PURCHASE_ORDER_LINE_ITEM, line, "part_detail=false"):
        assert not set(DETAILS) & set(row)


async def test_a_purchase_lines_order_detail_is_its_order(orders: Orders) -> None:
    line, _, _ = await purchase_line(orders)
    order = await orders.read(PURCHASE_ORDER, line["order"])
    for row in await read_line(orders, PURCHASE_ORDER_LINE_ITEM, line, "order_detail=1"):
        detail = row["order_detail"]
        assert (detail["pk"], detail["reference"]) == (order["pk"], order["reference"])
        assert (detail["status"], detail["supplier"]) == (order["status"], order["supplier"])
        assert "part_detail" not in row


async def test_a_purchase_line_without_a_part_has_null_part_details(orders: Orders) -> None:
    line, _, _ = await purchase_line(orders)
    await orders.write(PURCHASE_ORDER_LINE_ITEM.table, line["pk"], part=None)
    for row in await read_line(orders, PURCHASE_ORDER_LINE_ITEM, line, "part_detail=true"):
        assert (row["part_detail"], row["supplier_part_detail"]) == (None, None)


@pytest.mark.parametrize("parameter", ["part_detail", "order_detail"])
async def test_a_detail_parameter_must_be_a_boolean(orders: Orders, parameter: str) -> None:
    response = await orders.clients["admin"].get(f"/api/order/po-line/?{parameter}=maybe")
    assert (response.status_code, list(response.json())) == (400, [parameter])


async def test_a_sales_lines_part_and_order_details(orders: Orders) -> None:
    part = await orders.made(PART, salable=True)
    order = await orders.made(SALES_ORDER)
    line = await orders.made(SALES_ORDER_LINE_ITEM, order=order["pk"], part=part["pk"])
    query = "part_detail=true&order_detail=true"
    for row in await read_line(orders, SALES_ORDER_LINE_ITEM, line, query):
        assert (row["part_detail"]["pk"], row["part_detail"]["salable"]) == (part["pk"], True)
        assert row["order_detail"]["reference"] == order["reference"]
    for row in await read_line(orders, SALES_ORDER_LINE_ITEM, line, "part_detail=true"):
        assert "order_detail" not in row
    for row in await read_line(orders, SALES_ORDER_LINE_ITEM, line, ""):
        assert not set(DETAILS) & set(row)


async def test_a_return_lines_item_part_and_order_details(orders: Orders) -> None:
    item = await orders.made(STOCK_ITEM, quantity=1, status=10, is_building=False)
    order = await orders.made(RETURN_ORDER)
    line = await orders.made(RETURN_ORDER_LINE_ITEM, order=order["pk"], item=item["pk"])
    query = "item_detail=true&part_detail=true&order_detail=true"
    for row in await read_line(orders, RETURN_ORDER_LINE_ITEM, line, query):
        assert (row["item_detail"]["pk"], row["item_detail"]["quantity"]) == (item["pk"], 1)
        assert row["part_detail"]["pk"] == item["part"]
        assert row["order_detail"]["pk"] == order["pk"]
    for row in await read_line(orders, RETURN_ORDER_LINE_ITEM, line, "item_detail=true"):
        assert ("part_detail" in row, "order_detail" in row) == (False, False)
    for row in await read_line(orders, RETURN_ORDER_LINE_ITEM, line, ""):
        assert not set(DETAILS) & set(row)


@pytest.mark.parametrize(
    ("resource", "order_resource"),
    [
        (PURCHASE_ORDER_EXTRA_LINE, PURCHASE_ORDER),
        (SALES_ORDER_EXTRA_LINE, SALES_ORDER),
        (RETURN_ORDER_EXTRA_LINE, RETURN_ORDER),
    ],
    ids=lambda resource: resource.model_type,
)
async def test_an_extra_lines_order_detail(
    orders: Orders, resource: Resource, order_resource: Resource
) -> None:
    order = await orders.made(order_resource)
    line = await orders.made(resource, order=order["pk"])
    for row in await read_line(orders, resource, line, "order_detail=true"):
        assert row["order_detail"]["reference"] == order["reference"]
    for row in await read_line(orders, resource, line, "order_detail=false"):
        assert "order_detail" not in row


async def test_a_shipment_always_has_its_order_detail(orders: Orders) -> None:
    order = await orders.made(SALES_ORDER)
    shipment = await orders.made(SALES_ORDER_SHIPMENT, order=order["pk"])
    assert shipment["order_detail"]["reference"] == order["reference"]
    for row in await read_line(orders, SALES_ORDER_SHIPMENT, shipment, ""):
        assert (row["order_detail"]["pk"], row["order_detail"]["customer"]) == (
            order["pk"],
            order["customer"],
        )


async def test_an_allocations_item_part_location_and_order_details(orders: Orders) -> None:
    line = await orders.sales_line()
    allocation = await orders.allocation(line, 1)
    query = "item_detail=true&part_detail=true&order_detail=true&location_detail=true"
    admin = orders.clients["admin"]
    listed = (await admin.get(f"{SALES_ORDER_ALLOCATION.path}?line={line['pk']}&{query}")).json()
    detail = (await admin.get(f"{SALES_ORDER_ALLOCATION.path}{allocation['pk']}/?{query}")).json()
    item = await orders.read(STOCK_ITEM, allocation["item"])
    for row in (*listed, detail):
        assert row["item_detail"]["pk"] == item["pk"]
        assert row["part_detail"]["pk"] == line["part"]
        assert row["order_detail"]["pk"] == line["order"]
        location = None if item["location"] is None else row["location_detail"]["pk"]
        assert location == item["location"]
    plain = (await admin.get(f"{SALES_ORDER_ALLOCATION.path}?line={line['pk']}")).json()
    assert not {"item_detail", "part_detail", "order_detail", "location_detail"} & set(plain[0])
