"""A purchase order line: a quantity above zero, and a supplier part of the order's supplier
(InvenTree's PurchaseOrderLineItemSerializer)."""

from __future__ import annotations

import pytest

from storeroom.models.company import COMPANY
from storeroom.models.order_purchase import PURCHASE_ORDER, PURCHASE_ORDER_LINE_ITEM
from storeroom.models.supplier import SUPPLIER_PART
from tests.orders.conftest import Orders

MISMATCH = {
    "part": ["Supplier must match purchase order"],
    "order": ["Purchase order must match supplier"],
}


@pytest.mark.parametrize("quantity", [0, -1])
async def test_a_line_quantity_must_be_above_zero(orders: Orders, quantity: int) -> None:
    line = await orders.made(PURCHASE_ORDER_LINE_ITEM, quantity=3)
    body = {"order": line["order"], "part": line["part"], "quantity": quantity}
    response = await orders.clients["admin"].post("/api/order/po-line/", json=body)
    assert (response.status_code, response.json()) == (
        400,
        {"quantity": ["Quantity must be greater than zero"]},
    )
    patched = await orders.clients["admin"].patch(
        f"/api/order/po-line/{line['pk']}/", json={"quantity": quantity}
    )
    assert patched.status_code == 400
    assert (await orders.read(PURCHASE_ORDER_LINE_ITEM, line["pk"]))["quantity"] == 3


async def test_a_supplier_part_of_another_supplier_is_refused(orders: Orders) -> None:
    order = await orders.made(PURCHASE_ORDER)
    other = await orders.made(SUPPLIER_PART, supplier=(await orders.made(COMPANY))["pk"])
    body = {"order": order["pk"], "part": other["pk"], "quantity": 1}
    response = await orders.clients["admin"].post("/api/order/po-line/", json=body)
    assert (response.status_code, response.json()) == (400, MISMATCH)


async def test_changing_a_line_to_another_suppliers_part_is_refused(orders: Orders) -> None:
    line = await orders.made(PURCHASE_ORDER_LINE_ITEM)
    other = await orders.made(SUPPLIER_PART)
    response = await orders.clients["admin"].patch(
        f"/api/order/po-line/{line['pk']}/", json={"part": other["pk"]}
    )
    assert (response.status_code, response.json()) == (400, MISMATCH)
    assert (await orders.read(PURCHASE_ORDER_LINE_ITEM, line["pk"]))["part"] == line["part"]


async def test_a_supplier_part_of_the_orders_supplier_is_accepted(orders: Orders) -> None:
    order = await orders.made(PURCHASE_ORDER)
    mine = await orders.made(SUPPLIER_PART, supplier=order["supplier"])
    body = {"order": order["pk"], "part": mine["pk"], "quantity": 2}
    response = await orders.clients["admin"].post("/api/order/po-line/", json=body)
    assert response.status_code == 201, response.text
    assert (response.json()["part"], response.json()["quantity"]) == (mine["pk"], 2)


async def test_a_missing_line_is_404_whatever_its_body(orders: Orders) -> None:
    line = await orders.made(PURCHASE_ORDER_LINE_ITEM, quantity=3)
    body = {"order": line["order"], "part": line["part"], "quantity": 0}
    response = await orders.clients["admin"].put("/api/order/po-line/999999/", json=body)
    assert response.status_code == 404
    assert response.json()["detail"]
