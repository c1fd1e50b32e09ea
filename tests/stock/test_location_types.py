"""/api/stock/location-type/ and a location's type: CRUD, location_count, the location's
`location_type_detail`, its effective icon, and the location list's type filters."""

from __future__ import annotations

from typing import Any

from tests.stock.conftest import Stock

TYPES = "/api/stock/location-type/"


async def location_type(stock: Stock, **fields: Any) -> dict[str, Any]:
    body = {"name": "Shelf", "description": "A shelf", "icon": "ti:box:outline", **fields}
    response = await stock.admin.post(TYPES, json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_a_location_type_is_created_with_its_fields(stock: Stock) -> None:
    created = await location_type(stock, name="Drawer")
    assert created == {
        "pk": created["pk"],
        "name": "Drawer",
        "description": "A shelf",
        "icon": "ti:box:outline",
        "location_count": 0,
    }


async def test_a_location_type_needs_a_name(stock: Stock) -> None:
    response = await stock.admin.post(TYPES, json={"description": "nameless"})
    assert response.status_code == 400
    assert "name" in response.json()


async def test_location_count_counts_the_locations_of_the_type(stock: Stock) -> None:
    shelf, other = await location_type(stock), await location_type(stock, name="Bin")
    await stock.location(location_type=shelf["pk"])
    await stock.location(location_type=shelf["pk"])
    await stock.location(location_type=other["pk"])
    found = (await stock.admin.get(f"{TYPES}{shelf['pk']}/")).json()
    assert found["location_count"] == 2


async def test_location_types_are_listed_by_location_count_descending(stock: Stock) -> None:
    few, many = await location_type(stock, name="Few"), await location_type(stock, name="Many")
    for _ in range(3):
        await stock.location(location_type=many["pk"])
    await stock.location(location_type=few["pk"])
    listed = [row["pk"] for row in (await stock.admin.get(TYPES)).json()]
    assert listed.index(many["pk"]) < listed.index(few["pk"])


async def test_location_types_are_searched_by_name(stock: Stock) -> None:
    wanted = await location_type(stock, name="Refrigerator")
    other = await location_type(stock, name="Pallet")
    found = {row["pk"] for row in (await stock.admin.get(f"{TYPES}?search=frigera")).json()}
    assert wanted["pk"] in found
    assert other["pk"] not in found


async def test_a_location_type_is_updated_and_deleted(stock: Stock) -> None:
    created = await location_type(stock)
    response = await stock.admin.patch(f"{TYPES}{created['pk']}/", json={"icon": "ti:tag"})
    assert response.status_code == 200
    assert response.json()["icon"] == "ti:tag"
    assert (await stock.admin.delete(f"{TYPES}{created['pk']}/")).status_code == 204
    assert (await stock.admin.get(f"{TYPES}{created['pk']}/")).status_code == 404


async def test_a_location_type_has_metadata(stock: Stock) -> None:
    created = await location_type(stock)
    path = f"{TYPES}{created['pk']}/metadata/"
    response = await stock.admin.patch(path, json={"metadata": {"colour": "red"}})
    assert response.status_code == 200
    assert (await stock.admin.get(path)).json() == {"metadata": {"colour": "red"}}


async def test_a_location_shows_its_type_in_detail(stock: Stock) -> None:
    shelf = await location_type(stock, name="Rack")
    place = await stock.location(location_type=shelf["pk"])
    found = (await stock.admin.get(f"/api/stock/location/{place['pk']}/")).json()
    assert found["location_type"] == shelf["pk"]
    assert found["location_type_detail"] == {
        "pk": shelf["pk"],
        "name": "Rack",
        "description": "A shelf",
        "icon": "ti:box:outline",
        "location_count": 1,
    }


async def test_a_location_without_a_type_has_no_type_detail(stock: Stock) -> None:
    place = await stock.location()
    found = (await stock.admin.get(f"/api/stock/location/{place['pk']}/")).json()
    assert (found["location_type"], found["location_type_detail"]) == (None, None)


async def test_a_location_without_its_own_icon_shows_its_types(stock: Stock) -> None:
    shelf = await location_type(stock, icon="ti:stack")
    place = await stock.location(location_type=shelf["pk"], custom_icon="")
    found = (await stock.admin.get(f"/api/stock/location/{place['pk']}/")).json()
    assert (found["custom_icon"], found["icon"]) == ("", "ti:stack")


async def test_a_locations_own_icon_wins_over_its_types(stock: Stock) -> None:
    shelf = await location_type(stock, icon="ti:stack")
    place = await stock.location(location_type=shelf["pk"], custom_icon="ti:home")
    found = (await stock.admin.get(f"/api/stock/location/{place['pk']}/")).json()
    assert found["icon"] == "ti:home"


async def test_deleting_a_type_leaves_its_locations_without_one(stock: Stock) -> None:
    shelf = await location_type(stock)
    place = await stock.location(location_type=shelf["pk"])
    assert (await stock.admin.delete(f"{TYPES}{shelf['pk']}/")).status_code == 204
    found = (await stock.admin.get(f"/api/stock/location/{place['pk']}/")).json()
    assert found["location_type"] is None


async def test_a_location_refuses_a_missing_type(stock: Stock) -> None:
    response = await stock.admin.post(
        "/api/stock/location/", json={"name": "Nowhere", "location_type": 999999}
    )
    assert response.status_code == 400
    assert "location_type" in response.json()


async def test_locations_are_filtered_by_type(stock: Stock) -> None:
    shelf = await location_type(stock)
    typed, untyped = await stock.location(location_type=shelf["pk"]), await stock.location()
    response = await stock.admin.get(f"/api/stock/location/?location_type={shelf['pk']}")
    found = {row["pk"] for row in response.json()}
    assert found == {typed["pk"]}
    assert untyped["pk"] not in found


async def test_locations_are_filtered_by_having_a_type(stock: Stock) -> None:
    shelf = await location_type(stock)
    typed, untyped = await stock.location(location_type=shelf["pk"]), await stock.location()
    having = {
        row["pk"]
        for row in (await stock.admin.get("/api/stock/location/?has_location_type=true")).json()
    }
    lacking = {
        row["pk"]
        for row in (await stock.admin.get("/api/stock/location/?has_location_type=false")).json()
    }
    assert typed["pk"] in having
    assert untyped["pk"] not in having
    assert untyped["pk"] in lacking
    assert typed["pk"] not in lacking


async def test_another_tenant_cannot_read_a_location_type(stock: Stock) -> None:
    created = await location_type(stock)
    response = await stock.clients["stranger"].get(f"{TYPES}{created['pk']}/")
    assert response.status_code == 404
