"""Related parts: a relation names two different parts once, in either direction."""

from __future__ import annotations

from httpx import AsyncClient

from tests.parts import make


async def test_a_relation_is_listed_for_either_part(admin: AsyncClient) -> None:
    first, second, third = await make.part(admin), await make.part(admin), await make.part(admin)
    relation = await make.post(admin, "/api/part/related/", part_1=first["pk"], part_2=second["pk"])
    assert await make.pks(admin, "/api/part/related/", part=second["pk"]) == {relation["pk"]}
    assert await make.pks(admin, "/api/part/related/", part=third["pk"]) == set()


async def test_a_part_cannot_be_related_to_itself(admin: AsyncClient) -> None:
    part = await make.part(admin)
    response = await admin.post(
        "/api/part/related/", json={"part_1": part["pk"], "part_2": part["pk"]}
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Part cannot be related to itself"]}


async def test_a_reversed_duplicate_relation_is_refused(admin: AsyncClient) -> None:
    first, second = await make.part(admin), await make.part(admin)
    await make.post(admin, "/api/part/related/", part_1=first["pk"], part_2=second["pk"])
    response = await admin.post(
        "/api/part/related/", json={"part_1": second["pk"], "part_2": first["pk"]}
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Duplicate relationship already exists"]}
