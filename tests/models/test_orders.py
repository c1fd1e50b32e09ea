"""Purchase, sales and return orders: references, status, their lines, and what they compute."""

from __future__ import annotations

from httpx import AsyncClient

from storeroom.models.registry import BY_MODEL_TYPE
from tests.models.make import make

PURCHASE_ORDER, PURCHASE_LINE = (
    BY_MODEL_TYPE["purchaseorder"],
    BY_MODEL_TYPE["purchaseorderlineitem"],
)
RETURN_ORDER, RETURN_LINE = BY_MODEL_TYPE["returnorder"], BY_MODEL_TYPE["returnorderlineitem"]


async def test_an_order_reference_is_unique(admin: AsyncClient) -> None:
    order = await make(admin, BY_MODEL_TYPE["salesorder"])
    response = await admin.post("/api/order/so/", json={"reference": order["reference"]})
    assert response.status_code == 400
    assert response.json() == {"reference": ["Sales Order with this reference already exists."]}


async def test_a_new_order_is_pending_whatever_status_is_sent(admin: AsyncClient) -> None:
    order = await make(admin, PURCHASE_ORDER, status=30)
    assert order["status"] == 10
    assert order["creation_date"]


async def test_deleting_an_order_deletes_its_lines(admin: AsyncClient) -> None:
    order = await make(admin, PURCHASE_ORDER)
    line = await make(admin, PURCHASE_LINE, order=order["pk"])
    extra = await make(admin, BY_MODEL_TYPE["purchaseorderextraline"], order=order["pk"])
    assert (await admin.delete(f"/api/order/po/{order['pk']}/")).status_code == 204
    assert (await admin.get(f"/api/order/po-line/{line['pk']}/")).status_code == 404
    assert (await admin.get(f"/api/order/po-extra-line/{extra['pk']}/")).status_code == 404


async def test_an_order_counts_its_lines_and_those_done(admin: AsyncClient) -> None:
    order = await make(admin, RETURN_ORDER)
    await make(admin, RETURN_LINE, order=order["pk"], outcome=10)
    await make(admin, RETURN_LINE, order=order["pk"], outcome=30)
    found = (await admin.get(f"/api/order/ro/{order['pk']}/")).json()
    assert (found["line_items"], found["completed_lines"]) == (2, 1)


async def test_an_open_order_past_its_target_date_is_overdue(admin: AsyncClient) -> None:
    late = await make(admin, PURCHASE_ORDER, target_date="2020-01-31")
    due = await make(admin, PURCHASE_ORDER, target_date="2999-01-31")
    assert (late["overdue"], due["overdue"]) == (True, False)
    listed = (await admin.get("/api/order/po/", params={"overdue": "true"})).json()
    assert late["pk"] in [order["pk"] for order in listed]
    assert due["pk"] not in [order["pk"] for order in listed]


async def test_outstanding_lists_the_open_orders(admin: AsyncClient) -> None:
    order = await make(admin, RETURN_ORDER)
    outstanding = (await admin.get("/api/order/ro/", params={"outstanding": "true"})).json()
    closed = (await admin.get("/api/order/ro/", params={"outstanding": "false"})).json()
    assert order["pk"] in [found["pk"] for found in outstanding]
    assert order["pk"] not in [found["pk"] for found in closed]


async def test_a_purchase_line_shows_its_supplier_part_and_total(admin: AsyncClient) -> None:
    supplier_part = await make(admin, BY_MODEL_TYPE["supplierpart"])
    part = (await admin.get(f"/api/part/{supplier_part['part']}/")).json()
    line = await make(
        admin, PURCHASE_LINE, part=supplier_part["pk"], quantity=4, purchase_price="2.25"
    )
    shown = (line["sku"], line["internal_part"], line["internal_part_name"], line["total_price"])
    assert shown == (supplier_part["SKU"], part["pk"], part["name"], 9.0)


async def test_deleting_a_supplier_part_keeps_the_lines_that_ordered_it(
    admin: AsyncClient,
) -> None:
    line = await make(admin, PURCHASE_LINE)
    assert (await admin.delete(f"/api/company/part/{line['part']}/")).status_code == 204
    kept = (await admin.get(f"/api/order/po-line/{line['pk']}/")).json()
    assert (kept["part"], kept["sku"]) == (None, None)


async def test_a_stock_item_is_returned_once_per_order(admin: AsyncClient) -> None:
    line = await make(admin, RETURN_LINE)
    body = {"order": line["order"], "item": line["item"]}
    response = await admin.post("/api/order/ro-line/", json=body)
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["The fields order, item must make a unique set."]
    }


async def test_shipment_numbers_are_unique_within_an_order(admin: AsyncClient) -> None:
    shipment = await make(admin, BY_MODEL_TYPE["salesordershipment"], reference="1")
    response = await admin.post(
        "/api/order/so/shipment/", json={"order": shipment["order"], "reference": "1"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["The fields order, reference must make a unique set."]
    }
