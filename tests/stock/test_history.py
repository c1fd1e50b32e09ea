"""Stock history: a create and an edit through /api/stock/ write their entries; /api/stock/track/
is read-only and filtered by item and user; the status classes of stock and of its history."""

from __future__ import annotations

from storeroom.stock import codes
from tests.stock.conftest import Stock


async def test_creating_an_item_writes_its_created_entry(stock: Stock) -> None:
    place = await stock.location()
    item = await stock.item(4, location=place["pk"])
    [entry] = await stock.history(item)
    assert (entry["tracking_type"], entry["deltas"]) == (
        codes.CREATED,
        {"status": 10, "quantity": 4.0, "location": place["pk"]},
    )


async def test_editing_an_item_writes_an_edited_entry(stock: Stock) -> None:
    item = await stock.item(4)
    response = await stock.admin.patch(f"/api/stock/{item['pk']}/", json={"batch": "B-2"})
    assert response.status_code == 200, response.text
    assert [entry["tracking_type"] for entry in await stock.history(item)] == [
        codes.CREATED,
        codes.EDITED,
    ]


async def test_the_history_cannot_be_written(stock: Stock) -> None:
    item = await stock.item(1)
    [entry] = await stock.history(item)
    body = {"item": item["pk"], "notes": "x"}
    assert (await stock.admin.post("/api/stock/track/", json=body)).status_code == 405
    response = await stock.admin.patch(f"/api/stock/track/{entry['pk']}/", json={"notes": "x"})
    assert response.status_code == 405
    assert (await stock.admin.delete(f"/api/stock/track/{entry['pk']}/")).status_code == 405


async def test_a_movement_records_its_user_and_the_list_filters_by_user(stock: Stock) -> None:
    me = (await stock.admin.get("/api/user/me/")).json()["pk"]
    item = await stock.item(3)
    body = {"items": [{"pk": item["pk"], "quantity": 1}]}
    assert (await stock.admin.post("/api/stock/remove/", json=body)).status_code == 201
    mine = (await stock.admin.get(f"/api/stock/track/?item={item['pk']}&user={me}")).json()
    assert [(entry["tracking_type"], entry["user"]) for entry in mine] == [(codes.STOCK_REMOVE, me)]


async def test_the_stock_history_of_another_tenant_is_not_there(stock: Stock) -> None:
    item = await stock.item(1)
    [entry] = await stock.history(item)
    response = await stock.clients["stranger"].get(f"/api/stock/track/{entry['pk']}/")
    assert response.status_code == 404


async def test_the_stock_status_class(stock: Stock) -> None:
    body = (await stock.admin.get("/api/stock/status/")).json()
    assert body["class"] == "StockStatus"
    assert body["values"]["OK"]["key"] == 10
    assert "LEGACY" not in body["values"]


async def test_the_tracking_codes(stock: Stock) -> None:
    body = (await stock.admin.get("/api/stock/track/status/")).json()
    assert body["class"] == "StockHistoryCode"
    assert body["values"]["STOCK_REMOVE"]["key"] == codes.STOCK_REMOVE
    assert "OK" not in body["values"]
