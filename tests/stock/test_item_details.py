"""GET /api/stock/ and /api/stock/{id}/ with `part_detail`, `location_detail` and
`supplier_part_detail`: the nested objects when asked for, absent otherwise."""

from __future__ import annotations

import uuid
from typing import Any

from storeroom.models.registry import BY_MODEL_TYPE
from tests.models.make import make
from tests.stock.conftest import Stock


async def placed_item(stock: Stock) -> tuple[dict[str, Any], ...]:
    suffix = uuid.uuid4().hex[:8]
    part = await stock.part(name=f"Detailed {suffix}", IPN=f"DP-{suffix}", trackable=True)
    place = await stock.location(name=f"Shelf {suffix}")
    item = await stock.item(part=part["pk"], location=place["pk"])
    return part, place, item


async def test_part_detail_is_the_parts_brief_form(stock: Stock) -> None:
    part, _, item = await placed_item(stock)
    found = (await stock.admin.get(f"/api/stock/{item['pk']}/?part_detail=true")).json()
    detail = found["part_detail"]
    assert (detail["pk"], detail["name"], detail["IPN"]) == (part["pk"], part["name"], part["IPN"])
    assert (detail["trackable"], detail["virtual"]) == (True, False)
    assert detail["full_name"] == part["full_name"]
    assert set(detail) >= {"thumbnail", "image", "units", "category_default_location"}


async def test_location_detail_is_the_locations_brief_form(stock: Stock) -> None:
    _, place, item = await placed_item(stock)
    found = (await stock.admin.get(f"/api/stock/{item['pk']}/?location_detail=1")).json()
    assert found["location_detail"] == {
        "pk": place["pk"],
        "name": place["name"],
        "pathstring": place["pathstring"],
    }


async def test_details_are_left_out_unless_asked_for(stock: Stock) -> None:
    _, _, item = await placed_item(stock)
    found = (await stock.admin.get(f"/api/stock/{item['pk']}/?part_detail=false")).json()
    assert not {"part_detail", "location_detail", "supplier_part_detail"} & set(found)


async def test_an_item_without_a_location_has_a_null_location_detail(stock: Stock) -> None:
    item = await stock.item(location=None)
    found = (await stock.admin.get(f"/api/stock/{item['pk']}/?location_detail=true")).json()
    assert found["location_detail"] is None


async def test_the_list_page_carries_the_details(stock: Stock) -> None:
    part, place, item = await placed_item(stock)
    response = await stock.admin.get(
        f"/api/stock/?limit=5&part={part['pk']}&part_detail=true&location_detail=true"
    )
    [row] = response.json()["results"]
    assert row["pk"] == item["pk"]
    assert (row["part_detail"]["pk"], row["location_detail"]["pk"]) == (part["pk"], place["pk"])


async def test_the_unpaged_list_carries_the_details(stock: Stock) -> None:
    part, _, _ = await placed_item(stock)
    rows = (await stock.admin.get(f"/api/stock/?part={part['pk']}&part_detail=true")).json()
    assert [row["part_detail"]["name"] for row in rows] == [part["name"]]


async def test_supplier_part_detail_shows_the_supplier_part(stock: Stock) -> None:
    part = await stock.part()
    supplier = await make(stock.admin, BY_MODEL_TYPE["company"], is_supplier=True)
    supplied = await make(
        stock.admin,
        BY_MODEL_TYPE["supplierpart"],
        part=part["pk"],
        supplier=supplier["pk"],
        SKU="SKU-9",
        pack_quantity="1",
    )
    item = await stock.item(part=part["pk"], supplier_part=supplied["pk"])
    found = (await stock.admin.get(f"/api/stock/{item['pk']}/?supplier_part_detail=true")).json()
    detail = found["supplier_part_detail"]
    assert (detail["pk"], detail["SKU"], detail["supplier"]) == (
        supplied["pk"],
        "SKU-9",
        supplier["pk"],
    )


async def test_a_detail_flag_that_is_not_a_boolean_is_refused(stock: Stock) -> None:
    response = await stock.admin.get("/api/stock/?part_detail=maybe")
    assert response.status_code == 400
    assert list(response.json()) == ["part_detail"]
