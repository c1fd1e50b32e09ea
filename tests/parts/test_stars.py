"""Stars: `starred` on parts and categories is the caller's own, written by PATCH, and
`?starred=` keeps the caller's starred rows (true) or the others (false)."""

from __future__ import annotations

from httpx import AsyncClient

from tests.parts import make

Team = dict[str, AsyncClient]


async def star(client: AsyncClient, path: str, pk: int, starred: object = True) -> dict:
    response = await client.patch(f"{path}{pk}/", json={"starred": starred})
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_a_starred_part_is_starred_for_its_user_only(team: Team) -> None:
    part = await make.part(team["admin"])
    assert (await star(team["admin"], "/api/part/", part["pk"]))["starred"] is True
    mine = (await team["admin"].get(f"/api/part/{part['pk']}/")).json()
    theirs = (await team["colleague"].get(f"/api/part/{part['pk']}/")).json()
    assert (mine["starred"], theirs["starred"]) == (True, False)


async def test_starred_filter_keeps_the_callers_starred_parts(team: Team) -> None:
    admin, colleague = team["admin"], team["colleague"]
    starred, other = await make.part(admin), await make.part(admin)
    await star(admin, "/api/part/", starred["pk"])
    kept = await make.pks(admin, "/api/part/", starred="true")
    assert starred["pk"] in kept
    assert other["pk"] not in kept
    assert starred["pk"] not in await make.pks(admin, "/api/part/", starred="false")
    assert other["pk"] in await make.pks(admin, "/api/part/", starred="false")
    assert starred["pk"] not in await make.pks(colleague, "/api/part/", starred="true")


async def test_a_paged_list_answers_the_callers_stars(team: Team) -> None:
    admin = team["admin"]
    part = await make.part(admin, name="Pagedstarxyz")
    await star(admin, "/api/part/", part["pk"])
    page = (await admin.get("/api/part/", params={"search": "Pagedstarxyz", "limit": 5})).json()
    assert [(row["pk"], row["starred"]) for row in page["results"]] == [(part["pk"], True)]
    other = (await team["colleague"].get("/api/part/", params={"search": "Pagedstarxyz"})).json()
    assert [row["starred"] for row in other] == [False]


async def test_unstarring_a_part_removes_it_from_the_starred_list(team: Team) -> None:
    admin = team["admin"]
    part = await make.part(admin)
    await star(admin, "/api/part/", part["pk"])
    assert (await star(admin, "/api/part/", part["pk"], False))["starred"] is False
    assert part["pk"] not in await make.pks(admin, "/api/part/", starred="true")


async def test_a_category_star_is_its_users_own(team: Team) -> None:
    admin, colleague = team["admin"], team["colleague"]
    starred, other = await make.category(admin), await make.category(admin)
    assert (await star(colleague, "/api/part/category/", starred["pk"]))["starred"] is True
    kept = await make.pks(colleague, "/api/part/category/", starred="true")
    assert starred["pk"] in kept
    assert other["pk"] not in kept
    assert starred["pk"] not in await make.pks(admin, "/api/part/category/", starred="true")
    detail = (await admin.get(f"/api/part/category/{starred['pk']}/")).json()
    assert detail["starred"] is False


async def test_a_starred_value_that_is_not_a_boolean_is_refused(team: Team) -> None:
    part = await make.part(team["admin"])
    response = await team["admin"].patch(f"/api/part/{part['pk']}/", json={"starred": "maybe"})
    assert response.status_code == 400
    assert list(response.json()) == ["starred"]


async def test_a_starred_filter_that_is_not_a_boolean_is_refused(team: Team) -> None:
    response = await team["admin"].get("/api/part/", params={"starred": "maybe"})
    assert response.status_code == 400
    assert "starred" in response.json()


async def test_another_tenant_cannot_star_a_part(team: Team) -> None:
    part = await make.part(team["admin"])
    response = await team["stranger"].patch(f"/api/part/{part['pk']}/", json={"starred": True})
    assert response.status_code == 404
