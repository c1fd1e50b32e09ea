"""Stock items: serial numbers, what goes with an item, and what its relations do on delete."""

from __future__ import annotations

from httpx import AsyncClient

from storeroom.models.registry import BY_MODEL_TYPE
from tests.models.make import make

PART, STOCK_ITEM = BY_MODEL_TYPE["part"], BY_MODEL_TYPE["stockitem"]
TRACKING, TEST_RESULT = BY_MODEL_TYPE["stockitemtracking"], BY_MODEL_TYPE["stockitemtestresult"]


async def test_a_serial_number_is_unique_per_part(admin: AsyncClient) -> None:
    part = await make(admin, PART)
    await make(admin, STOCK_ITEM, part=part["pk"], quantity=1, serial="SN-1")
    response = await admin.post(
        "/api/stock/", json={"part": part["pk"], "quantity": 1, "serial": "SN-1"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["The fields part, serial must make a unique set."]
    }


async def test_another_part_may_use_the_same_serial_number(admin: AsyncClient) -> None:
    first, second = await make(admin, PART), await make(admin, PART)
    await make(admin, STOCK_ITEM, part=first["pk"], quantity=1, serial="SN-2")
    response = await admin.post(
        "/api/stock/", json={"part": second["pk"], "quantity": 1, "serial": "SN-2"}
    )
    assert response.status_code == 201
    assert response.json()["serial"] == "SN-2"


async def test_deleting_a_part_deletes_its_stock_items(admin: AsyncClient) -> None:
    part = await make(admin, PART)
    item = await make(admin, STOCK_ITEM, part=part["pk"])
    assert (await admin.delete(f"/api/part/{part['pk']}/")).status_code == 204
    assert (await admin.get(f"/api/stock/{item['pk']}/")).status_code == 404


async def test_deleting_a_stock_item_deletes_its_history_and_test_results(
    admin: AsyncClient,
) -> None:
    item = await make(admin, STOCK_ITEM)
    [entry] = (await admin.get(f"/api/stock/track/?item={item['pk']}")).json()
    result = await make(admin, TEST_RESULT, stock_item=item["pk"])
    assert (await admin.delete(f"/api/stock/{item['pk']}/")).status_code == 204
    assert (await admin.get(f"/api/stock/track/{entry['pk']}/")).status_code == 404
    assert (await admin.get(f"/api/stock/test/{result['pk']}/")).status_code == 404


async def test_deleting_an_item_deletes_the_items_installed_in_it(admin: AsyncClient) -> None:
    assembly = await make(admin, STOCK_ITEM)
    installed = await make(admin, STOCK_ITEM, belongs_to=assembly["pk"])
    assert (await admin.delete(f"/api/stock/{assembly['pk']}/")).status_code == 204
    assert (await admin.get(f"/api/stock/{installed['pk']}/")).status_code == 404


async def test_an_item_counts_the_items_installed_in_it(admin: AsyncClient) -> None:
    assembly = await make(admin, STOCK_ITEM)
    for _ in range(2):
        await make(admin, STOCK_ITEM, belongs_to=assembly["pk"])
    assert (await admin.get(f"/api/stock/{assembly['pk']}/")).json()["installed_items"] == 2


async def test_deleting_a_supplier_part_keeps_its_stock_items_without_it(
    admin: AsyncClient,
) -> None:
    supplier_part = await make(admin, BY_MODEL_TYPE["supplierpart"])
    item = await make(
        admin, STOCK_ITEM, part=supplier_part["part"], supplier_part=supplier_part["pk"]
    )
    assert item["sku"] == supplier_part["SKU"]
    assert (await admin.delete(f"/api/company/part/{supplier_part['pk']}/")).status_code == 204
    kept = (await admin.get(f"/api/stock/{item['pk']}/")).json()
    assert (kept["supplier_part"], kept["sku"]) == (None, None)


async def test_an_item_counts_its_history_entries(admin: AsyncClient) -> None:
    item = await make(admin, STOCK_ITEM, quantity=5, serial=None, is_building=False, status=10)
    # Its creation, then a count.
    body = {"items": [{"pk": item["pk"], "quantity": 2}]}
    assert (await admin.post("/api/stock/count/", json=body)).status_code == 201
    assert (await admin.get(f"/api/stock/{item['pk']}/")).json()["tracking_items"] == 2


async def test_the_history_is_read_only(admin: AsyncClient) -> None:
    item = await make(admin, STOCK_ITEM)
    response = await admin.post(
        "/api/stock/track/", json={"item": item["pk"], "notes": "counted", "tracking_type": 11}
    )
    assert response.status_code == 405
