"""GET /api/stock/location/tree/: every location with pk, name, parent, icon, structural and
sublocations, by level then name, paged with `limit`."""

from __future__ import annotations

from typing import Any

from tests.stock.conftest import Stock

TREE = "/api/stock/location/tree/"


async def tree(stock: Stock, query: str = "") -> list[dict[str, Any]]:
    response = await stock.admin.get(f"{TREE}?{query}")
    assert response.status_code == 200, response.text
    return list(response.json())


async def test_a_location_is_listed_with_the_trees_fields(stock: Stock) -> None:
    top = await stock.location(name="Tree top", custom_icon="ti:home", structural=True)
    await stock.location(name="Tree child", parent=top["pk"])
    [found] = [row for row in await tree(stock) if row["pk"] == top["pk"]]
    assert found == {
        "pk": top["pk"],
        "name": "Tree top",
        "parent": None,
        "icon": "ti:home",
        "structural": True,
        "sublocations": 1,
    }


async def test_the_tree_lists_by_level_then_name(stock: Stock) -> None:
    top_b, top_a = await stock.location(name="B tree"), await stock.location(name="A tree")
    child = await stock.location(name="0 child", parent=top_b["pk"])
    order = [row["pk"] for row in await tree(stock)]
    assert order.index(top_a["pk"]) < order.index(top_b["pk"]) < order.index(child["pk"])


async def test_the_tree_orders_by_name_first_when_asked(stock: Stock) -> None:
    top = await stock.location(name="Z name top")
    child = await stock.location(name="A name child", parent=top["pk"])
    order = [row["pk"] for row in await tree(stock, "ordering=name")]
    assert order.index(child["pk"]) < order.index(top["pk"])


async def test_the_tree_orders_by_sublocations_descending(stock: Stock) -> None:
    busy = await stock.location(name="Busy")
    for index in range(3):
        await stock.location(name=f"Busy child {index}", parent=busy["pk"])
    quiet = await stock.location(name="Quiet")
    order = [row["pk"] for row in await tree(stock, "ordering=-sublocations")]
    assert order.index(busy["pk"]) < order.index(quiet["pk"])


async def test_the_tree_is_paged_with_limit(stock: Stock) -> None:
    await stock.location(name="Paged one")
    await stock.location(name="Paged two")
    whole = await tree(stock)
    response = await stock.admin.get(f"{TREE}?limit=1&offset=1")
    body = response.json()
    assert (body["count"], len(body["results"])) == (len(whole), 1)
    assert body["results"][0]["pk"] == whole[1]["pk"]


async def test_the_tree_refuses_an_unknown_ordering(stock: Stock) -> None:
    response = await stock.admin.get(f"{TREE}?ordering=description")
    assert response.status_code == 400
    assert "ordering" in response.json()


async def test_the_tree_holds_only_the_tenants_locations(stock: Stock) -> None:
    mine = await stock.location(name="Mine only")
    response = await stock.clients["stranger"].get(TREE)
    assert mine["pk"] not in {row["pk"] for row in response.json()}
