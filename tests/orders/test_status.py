"""GET /api/order/po/status/, and the status field that only the actions change."""

from __future__ import annotations

from tests.orders.conftest import PENDING, Orders


async def test_the_status_endpoint_lists_the_purchase_order_states(orders: Orders) -> None:
    response = await orders.clients["viewer"].get("/api/order/po/status/")
    assert response.status_code == 200
    body = response.json()
    assert body["class"] == "PurchaseOrderStatus"
    assert {name: value["key"] for name, value in body["values"].items()} == {
        "PENDING": 10,
        "PLACED": 20,
        "ON_HOLD": 25,
        "COMPLETE": 30,
        "CANCELLED": 40,
        "LOST": 50,
        "RETURNED": 60,
    }


async def test_a_patch_of_status_is_ignored_as_a_read_only_field(orders: Orders) -> None:
    order = await orders.order(PENDING)
    response = await orders.clients["admin"].patch(
        f"/api/order/po/{order['pk']}/", json={"status": 30, "description": "Changed"}
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["description"]) == (PENDING, "Changed")
    assert (await orders.stored(order))["status"] == PENDING
