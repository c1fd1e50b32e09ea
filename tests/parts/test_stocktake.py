"""Stocktake records (`/api/part/stocktake/`): made by the caller, listed per part, newest first."""

from __future__ import annotations

from httpx import AsyncClient

from tests.parts import make

Team = dict[str, AsyncClient]


async def test_a_stocktake_records_its_user_and_date(team: Team) -> None:
    part = await make.part(team["admin"])
    created = await make.post(
        team["admin"],
        "/api/part/stocktake/",
        part=part["pk"],
        quantity=12.5,
        item_count=3,
        cost_min="1.50",
        cost_max="2.00",
    )
    assert (created["part"], created["quantity"], created["item_count"]) == (part["pk"], 12.5, 3)
    assert float(created["cost_min"]) == 1.5
    assert created["cost_min_currency"] == "USD"
    assert created["user_detail"]["username"] == "admin"
    assert created["user"] == created["user_detail"]["pk"]
    assert created["date"]


async def test_the_user_cannot_be_chosen(team: Team) -> None:
    part = await make.part(team["admin"])
    created = await make.post(
        team["colleague"], "/api/part/stocktake/", part=part["pk"], quantity=1, user=999
    )
    assert created["user_detail"]["username"] == "colleague"
    assert created["user"] != 999


async def test_the_list_filters_by_part_newest_first(team: Team) -> None:
    admin = team["admin"]
    part, other = await make.part(admin), await make.part(admin)
    first = await make.post(admin, "/api/part/stocktake/", part=part["pk"], quantity=1)
    second = await make.post(admin, "/api/part/stocktake/", part=part["pk"], quantity=2)
    elsewhere = await make.post(admin, "/api/part/stocktake/", part=other["pk"], quantity=3)
    listed = (await admin.get("/api/part/stocktake/", params={"part": part["pk"]})).json()
    assert [row["pk"] for row in listed] == [second["pk"], first["pk"]]
    assert elsewhere["pk"] not in {row["pk"] for row in listed}


async def test_a_stocktake_without_quantity_is_refused(team: Team) -> None:
    part = await make.part(team["admin"])
    response = await team["admin"].post("/api/part/stocktake/", json={"part": part["pk"]})
    assert response.status_code == 400
    assert list(response.json()) == ["quantity"]


async def test_a_stocktake_of_a_missing_part_is_refused(team: Team) -> None:
    response = await team["admin"].post(
        "/api/part/stocktake/", json={"part": 999999, "quantity": 1}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["part"]


async def test_another_tenant_does_not_see_a_stocktake(team: Team) -> None:
    part = await make.part(team["admin"])
    created = await make.post(team["admin"], "/api/part/stocktake/", part=part["pk"], quantity=1)
    response = await team["stranger"].get(f"/api/part/stocktake/{created['pk']}/")
    assert response.status_code == 404
