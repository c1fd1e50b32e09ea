"""`/api/user/owner/` and `/api/user/owner/{id}/`: the tenant's users and groups as owners
(InvenTree's Owner serializer: pk, owner_id, name, label), searched by name, never another
tenant's."""

from __future__ import annotations

from litestar import Litestar

from tests.conftest import Client, make_user_in
from tests.users.owners import group_owner, make_group


def names(body: list[dict[str, object]]) -> list[object]:
    return [owner["name"] for owner in body]


async def test_owners_are_the_tenants_users_and_groups(app: Litestar, client: Client) -> None:
    alice = await make_user_in(app, "alice")
    buyers = await make_group(app, "buyers")
    await make_user_in(app, "stranger", account="other")
    await make_group(app, "others", account="other")
    body = (await client.get("/api/user/owner/")).json()
    assert {"pk": alice * 2, "owner_id": alice, "name": "alice", "label": "user"} in body
    assert {"pk": buyers * 2 + 1, "owner_id": buyers, "name": "buyers", "label": "group"} in body
    assert "stranger" not in names(body)
    assert "others" not in names(body)


async def test_an_owner_is_read_by_its_pk(app: Litestar, client: Client) -> None:
    buyers = await make_group(app, "buyers")
    response = await client.get(f"/api/user/owner/{buyers * 2 + 1}/")
    assert (response.status_code, response.json()) == (
        200,
        {"pk": buyers * 2 + 1, "owner_id": buyers, "name": "buyers", "label": "group"},
    )


async def test_another_tenants_owner_is_not_found(app: Litestar, client: Client) -> None:
    others = await group_owner(app, "others", account="other")
    response = await client.get(f"/api/user/owner/{others}/")
    assert response.status_code == 404
    assert response.json()["detail"]


async def test_an_owner_pk_naming_nothing_is_not_found(client: Client) -> None:
    response = await client.get("/api/user/owner/999998/")
    assert response.status_code == 404


async def test_search_keeps_owners_whose_name_holds_every_word(
    app: Litestar, client: Client
) -> None:
    await make_user_in(app, "alice.smith")
    await make_user_in(app, "alice.jones")
    await make_group(app, "Smith family")
    body = (await client.get("/api/user/owner/?search=SMITH ali")).json()
    assert names(body) == ["alice.smith"]
    found = names((await client.get("/api/user/owner/?search=smith")).json())
    assert sorted(map(str, found)) == ["Smith family", "alice.smith"]


async def test_search_matches_percent_signs_literally(app: Litestar, client: Client) -> None:
    await make_group(app, "100% buyers")
    await make_group(app, "100 buyers")
    assert names((await client.get("/api/user/owner/?search=100%")).json()) == ["100% buyers"]


async def test_is_active_leaves_out_inactive_users_and_keeps_groups(
    app: Litestar, client: Client
) -> None:
    await make_user_in(app, "gone", is_active=False)
    await make_group(app, "buyers")
    active = names((await client.get("/api/user/owner/?is_active=true")).json())
    assert "gone" not in active
    assert {"admin", "buyers"} <= set(map(str, active))
    inactive = names((await client.get("/api/user/owner/?is_active=false")).json())
    assert sorted(map(str, inactive)) == ["buyers", "gone"]


async def test_is_active_must_be_a_boolean(client: Client) -> None:
    response = await client.get("/api/user/owner/?is_active=maybe")
    assert response.status_code == 400
    assert list(response.json()) == ["is_active"]


async def test_a_page_of_owners_has_the_count(app: Litestar, client: Client) -> None:
    for name in ("a", "b", "c"):
        await make_group(app, name)
    body = (await client.get("/api/user/owner/?limit=2&offset=1")).json()
    everyone = (await client.get("/api/user/owner/")).json()
    assert body["count"] == len(everyone)
    assert body["results"] == everyone[1:3]


async def test_owners_need_a_signed_in_caller(anonymous: Client) -> None:
    assert (await anonymous.get("/api/user/owner/")).status_code == 401
