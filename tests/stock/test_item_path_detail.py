"""GET /api/stock/ and /api/stock/{id}/ with `path_detail=true`: `location_path`, the item's
location and every location above it from the top, as [{pk, name}]; null for an unplaced item,
absent unless asked for."""

from __future__ import annotations

from typing import Any

from tests.stock.conftest import Stock


async def nested_places(stock: Stock) -> list[dict[str, Any]]:
    top = await stock.location(name="Path top")
    middle = await stock.location(name="Path middle", parent=top["pk"])
    bottom = await stock.location(name="Path bottom", parent=middle["pk"])
    return [top, middle, bottom]


async def test_location_path_runs_from_the_top_location_down(stock: Stock) -> None:
    places = await nested_places(stock)
    item = await stock.item(location=places[-1]["pk"])
    found = (await stock.admin.get(f"/api/stock/{item['pk']}/?path_detail=true")).json()
    assert found["location_path"] == [{"pk": p["pk"], "name": p["name"]} for p in places]


async def test_an_unplaced_item_has_a_null_path(stock: Stock) -> None:
    item = await stock.item()
    found = (await stock.admin.get(f"/api/stock/{item['pk']}/?path_detail=true")).json()
    assert found["location_path"] is None


async def test_the_list_answers_each_items_own_path(stock: Stock) -> None:
    places = await nested_places(stock)
    part = await stock.part()
    deep = await stock.item(part=part["pk"], location=places[2]["pk"])
    shallow = await stock.item(part=part["pk"], location=places[0]["pk"])
    response = await stock.admin.get(f"/api/stock/?part={part['pk']}&path_detail=true&limit=5")
    paths = {row["pk"]: row["location_path"] for row in response.json()["results"]}
    assert paths[deep["pk"]] == [{"pk": p["pk"], "name": p["name"]} for p in places]
    assert paths[shallow["pk"]] == [{"pk": places[0]["pk"], "name": places[0]["name"]}]


async def test_location_path_is_absent_unless_asked_for(stock: Stock) -> None:
    item = await stock.item(location=(await stock.location())["pk"])
    plain = (await stock.admin.get(f"/api/stock/{item['pk']}/")).json()
    refused = (await stock.admin.get(f"/api/stock/{item['pk']}/?path_detail=false")).json()
    assert "location_path" not in plain
    assert "location_path" not in refused


async def test_a_path_detail_that_is_not_a_boolean_is_a_400(stock: Stock) -> None:
    response = await stock.admin.get("/api/stock/?path_detail=deep")
    assert response.status_code == 400
    assert list(response.json()) == ["path_detail"]
