"""GET /api/stock/location/ and /api/stock/location/{id}/ with `path_detail=true`: `path`, the
location and every location above it from the top, as [{pk, name}]; absent unless asked for."""

from __future__ import annotations

from tests.stock.conftest import Stock


async def test_path_runs_from_the_top_location_down_to_the_location(stock: Stock) -> None:
    top = await stock.location(name="Loc path top")
    below = await stock.location(name="Loc path below", parent=top["pk"])
    response = await stock.admin.get(f"/api/stock/location/{below['pk']}/?path_detail=true")
    assert response.json()["path"] == [
        {"pk": top["pk"], "name": top["name"]},
        {"pk": below["pk"], "name": below["name"]},
    ]


async def test_the_list_answers_each_locations_own_path(stock: Stock) -> None:
    top = await stock.location(name="Loc list top")
    below = await stock.location(name="Loc list below", parent=top["pk"])
    response = await stock.admin.get(f"/api/stock/location/?parent={top['pk']}&path_detail=1")
    paths = {row["pk"]: row["path"] for row in response.json()}
    assert paths == {
        below["pk"]: [
            {"pk": top["pk"], "name": top["name"]},
            {"pk": below["pk"], "name": below["name"]},
        ]
    }


async def test_path_is_absent_unless_asked_for(stock: Stock) -> None:
    place = await stock.location()
    plain = (await stock.admin.get(f"/api/stock/location/{place['pk']}/")).json()
    refused = (await stock.admin.get("/api/stock/location/?path_detail=false")).json()
    assert "path" not in plain
    assert all("path" not in row for row in refused)


async def test_a_path_detail_that_is_not_a_boolean_is_a_400(stock: Stock) -> None:
    response = await stock.admin.get("/api/stock/location/?path_detail=full")
    assert response.status_code == 400
    assert list(response.json()) == ["path_detail"]
