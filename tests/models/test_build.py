"""Build orders: their finished outputs and the stock they consume."""

from __future__ import annotations

from httpx import AsyncClient

from storeroom.models.registry import BY_MODEL_TYPE
from tests.models.make import make

BUILD, STOCK_ITEM = BY_MODEL_TYPE["build"], BY_MODEL_TYPE["stockitem"]


async def cancelled(admin: AsyncClient, **fields: object) -> dict[str, object]:
    """A build in the only state InvenTree deletes one from."""
    build = await make(admin, BUILD, **fields)
    assert (await admin.post(f"/api/build/{build['pk']}/cancel/", json={})).status_code == 201
    return build


async def test_a_build_counts_its_finished_outputs(admin: AsyncClient) -> None:
    build = await make(admin, BUILD)
    await make(
        admin, STOCK_ITEM, part=build["part"], build=build["pk"], quantity=3, is_building=False
    )
    await make(
        admin, STOCK_ITEM, part=build["part"], build=build["pk"], quantity=5, is_building=True
    )
    assert (await admin.get(f"/api/build/{build['pk']}/")).json()["completed"] == 3


async def test_deleting_a_build_deletes_the_stock_it_consumed(admin: AsyncClient) -> None:
    build = await cancelled(admin)
    consumed = await make(admin, STOCK_ITEM, consumed_by=build["pk"])
    assert (await admin.delete(f"/api/build/{build['pk']}/")).status_code == 204
    assert (await admin.get(f"/api/stock/{consumed['pk']}/")).status_code == 404


async def test_deleting_a_build_keeps_its_outputs(admin: AsyncClient) -> None:
    build = await cancelled(admin)
    output = await make(admin, STOCK_ITEM, part=build["part"], build=build["pk"])
    assert (await admin.delete(f"/api/build/{build['pk']}/")).status_code == 204
    assert (await admin.get(f"/api/stock/{output['pk']}/")).json()["build"] is None


async def test_deleting_a_build_keeps_its_child_builds(admin: AsyncClient) -> None:
    parent = await cancelled(admin)
    child = await make(admin, BUILD, parent=parent["pk"])
    assert (await admin.delete(f"/api/build/{parent['pk']}/")).status_code == 204
    assert (await admin.get(f"/api/build/{child['pk']}/")).json()["parent"] is None
