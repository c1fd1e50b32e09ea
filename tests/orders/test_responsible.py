"""The `responsible` owner of purchase, sales and return orders and of builds: an owner of the
tenant (a user or a group), shown as `responsible_detail`, and the `assigned_to` and
`assigned_to_me` filters (InvenTree's: the caller's own user and any of their groups)."""

from __future__ import annotations

import uuid

import httpx
import pytest

from storeroom.api.resource import Resource
from storeroom.models.order_purchase import PURCHASE_ORDER
from storeroom.models.order_return import RETURN_ORDER
from storeroom.models.order_sales import SALES_ORDER
from storeroom.models.registry import BY_MODEL_TYPE
from tests.orders.conftest import Orders, Row
from tests.users.owners import group_owner, user_owner

BUILD, PART = BY_MODEL_TYPE["build"], BY_MODEL_TYPE["part"]
OWNED = [PURCHASE_ORDER, SALES_ORDER, RETURN_ORDER, BUILD]
ids = pytest.mark.parametrize("resource", OWNED, ids=lambda resource: resource.model_type)


async def owned(orders: Orders, resource: Resource, responsible: int | None) -> Row:
    """An order (or build) of the resource with this owner responsible."""
    if resource is BUILD:
        assembly = await orders.made(PART, assembly=True, virtual=False)
        return await orders.made(BUILD, part=assembly["pk"], responsible=responsible)
    return await orders.made(resource, responsible=responsible)


async def listed(client: httpx.AsyncClient, resource: Resource, query: str) -> list[int]:
    response = await client.get(f"{resource.path}?{query}")
    assert response.status_code == 200, response.text
    return [row["pk"] for row in response.json()]


async def my_user_owner(client: httpx.AsyncClient) -> int:
    return int((await client.get("/api/user/me/")).json()["pk"]) * 2


@ids
async def test_responsible_detail_is_the_owner(orders: Orders, resource: Resource) -> None:
    name = f"buyers-{uuid.uuid4().hex[:8]}"
    buyers = await group_owner(orders.app, name)
    made = await owned(orders, resource, buyers)
    expected = {"pk": buyers, "owner_id": buyers // 2, "name": name, "label": "group"}
    assert made["responsible_detail"] == expected
    assert (await orders.read(resource, made["pk"]))["responsible_detail"] == expected
    page = (await orders.clients["admin"].get(f"{resource.path}?limit=100")).json()["results"]
    found = {row["pk"]: row["responsible_detail"] for row in page}
    assert found[made["pk"]] == expected


@ids
async def test_responsible_detail_is_null_without_an_owner(
    orders: Orders, resource: Resource
) -> None:
    made = await owned(orders, resource, None)
    read = await orders.read(resource, made["pk"])
    assert (read["responsible"], read["responsible_detail"]) == (None, None)


@ids
async def test_an_owner_that_does_not_exist_is_refused(orders: Orders, resource: Resource) -> None:
    made = await owned(orders, resource, None)
    response = await orders.clients["admin"].patch(
        f"{resource.path}{made['pk']}/", json={"responsible": 999998}
    )
    assert (response.status_code, response.json()) == (
        400,
        {"responsible": ['Invalid pk "999998" - object does not exist.']},
    )


async def test_another_tenants_owner_cannot_be_responsible(orders: Orders) -> None:
    stranger = await user_owner(orders.app, "stranger-owner", account="other")
    response = await orders.clients["admin"].post(
        PURCHASE_ORDER.path, json={"supplier": None, "responsible": stranger}
    )
    assert response.status_code == 400
    assert response.json()["responsible"] == [f'Invalid pk "{stranger}" - object does not exist.']


async def test_responsible_changes_to_a_user_owner(orders: Orders) -> None:
    made = await owned(orders, PURCHASE_ORDER, None)
    clerk = await user_owner(orders.app, "clerk")
    response = await orders.clients["admin"].patch(
        f"{PURCHASE_ORDER.path}{made['pk']}/", json={"responsible": clerk}
    )
    assert response.status_code == 200, response.text
    assert response.json()["responsible_detail"] == {
        "pk": clerk,
        "owner_id": clerk // 2,
        "name": "clerk",
        "label": "user",
    }


@ids
async def test_assigned_to_lists_the_orders_of_that_owner_only(
    orders: Orders, resource: Resource
) -> None:
    first = await group_owner(orders.app, f"first-{uuid.uuid4().hex[:8]}")
    second = await group_owner(orders.app, f"second-{uuid.uuid4().hex[:8]}")
    mine = await owned(orders, resource, first)
    await owned(orders, resource, second)
    await owned(orders, resource, None)
    assert await listed(orders.clients["admin"], resource, f"assigned_to={first}") == [mine["pk"]]


async def test_assigned_to_an_unknown_owner_answers_400(orders: Orders) -> None:
    response = await orders.clients["admin"].get("/api/order/so/?assigned_to=999998")
    assert (response.status_code, list(response.json())) == (400, ["assigned_to"])


async def test_assigned_to_must_be_an_integer(orders: Orders) -> None:
    response = await orders.clients["admin"].get("/api/order/so/?assigned_to=me")
    assert (response.status_code, list(response.json())) == (400, ["assigned_to"])


async def mine_and_others(orders: Orders, resource: Resource) -> tuple[list[int], list[int]]:
    """Orders of the admin's user and of a group the admin is in, and orders of someone else,
    of a group the admin is not in and of nobody."""
    admin = orders.clients["admin"]
    me = await my_user_owner(admin)
    suffix = uuid.uuid4().hex[:8]
    team = await group_owner(orders.app, f"team-{suffix}", members=(me // 2,))
    elsewhere = await group_owner(orders.app, f"elsewhere-{suffix}")
    someone = await user_owner(orders.app, f"someone-{suffix}")
    mine = [(await owned(orders, resource, owner))["pk"] for owner in (me, team)]
    others = [(await owned(orders, resource, owner))["pk"] for owner in (elsewhere, someone)]
    others.append((await owned(orders, resource, None))["pk"])
    return mine, others


@ids
async def test_assigned_to_me_keeps_the_callers_user_and_group_orders(
    orders: Orders, resource: Resource
) -> None:
    mine, others = await mine_and_others(orders, resource)
    found = await listed(orders.clients["admin"], resource, "assigned_to_me=true")
    assert set(mine) <= set(found)
    assert not set(others) & set(found)


@ids
async def test_assigned_to_me_false_keeps_everyone_elses_and_unassigned_orders(
    orders: Orders, resource: Resource
) -> None:
    mine, others = await mine_and_others(orders, resource)
    found = await listed(orders.clients["admin"], resource, "assigned_to_me=false")
    assert set(others) <= set(found)
    assert not set(mine) & set(found)


async def test_assigned_to_me_is_the_callers_own(orders: Orders) -> None:
    """The viewer's orders are not the admin's: the filter reads who is asking."""
    viewer = orders.clients["viewer"]
    theirs = await owned(orders, PURCHASE_ORDER, await my_user_owner(viewer))
    admins = await owned(orders, PURCHASE_ORDER, await my_user_owner(orders.clients["admin"]))
    assert theirs["pk"] in await listed(viewer, PURCHASE_ORDER, "assigned_to_me=1")
    assert admins["pk"] not in await listed(viewer, PURCHASE_ORDER, "assigned_to_me=1")


async def test_assigned_to_me_must_be_a_boolean(orders: Orders) -> None:
    response = await orders.clients["admin"].get("/api/order/po/?assigned_to_me=perhaps")
    assert (response.status_code, list(response.json())) == (400, ["assigned_to_me"])
