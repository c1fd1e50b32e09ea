"""GET /api/stock/location/ filters as InvenTree's StockLocationFilter answers them: `parent`
(direct children, or the whole subtree with `cascade=true`), `depth`, `top_level`, `cascade`."""

from __future__ import annotations

from typing import Any

from tests.stock.conftest import Stock


async def pks(stock: Stock, query: str) -> set[int]:
    response = await stock.admin.get(f"/api/stock/location/?{query}")
    assert response.status_code == 200, response.text
    return {row["pk"] for row in response.json()}


async def three_levels(stock: Stock) -> tuple[dict[str, Any], ...]:
    top = await stock.location()
    middle = await stock.location(parent=top["pk"])
    bottom = await stock.location(parent=middle["pk"])
    return top, middle, bottom


async def test_parent_keeps_the_direct_children_only(stock: Stock) -> None:
    top, middle, _ = await three_levels(stock)
    assert await pks(stock, f"parent={top['pk']}") == {middle["pk"]}


async def test_parent_with_cascade_keeps_every_location_below(stock: Stock) -> None:
    top, middle, bottom = await three_levels(stock)
    found = await pks(stock, f"parent={top['pk']}&cascade=true")
    assert found == {middle["pk"], bottom["pk"]}
    assert top["pk"] not in found


async def test_parent_with_cascade_and_depth_stops_at_that_depth(stock: Stock) -> None:
    top, middle, bottom = await three_levels(stock)
    found = await pks(stock, f"parent={top['pk']}&cascade=true&depth=1")
    assert found == {middle["pk"]}
    assert bottom["pk"] not in found


async def test_depth_without_a_parent_counts_from_the_top(stock: Stock) -> None:
    top, middle, bottom = await three_levels(stock)
    found = await pks(stock, "depth=1")
    assert {top["pk"], middle["pk"]} <= found
    assert bottom["pk"] not in found


async def test_top_level_keeps_the_locations_without_a_parent(stock: Stock) -> None:
    top, middle, bottom = await three_levels(stock)
    found = await pks(stock, "top_level=true")
    assert top["pk"] in found
    assert not {middle["pk"], bottom["pk"]} & found


async def test_top_level_with_cascade_keeps_every_location(stock: Stock) -> None:
    top, middle, bottom = await three_levels(stock)
    assert {top["pk"], middle["pk"], bottom["pk"]} <= await pks(stock, "top_level=true&cascade=1")


async def test_cascade_false_without_a_parent_keeps_the_top_level(stock: Stock) -> None:
    top, middle, _ = await three_levels(stock)
    found = await pks(stock, "cascade=false")
    assert top["pk"] in found
    assert middle["pk"] not in found


async def test_parent_null_keeps_the_top_level(stock: Stock) -> None:
    top, middle, _ = await three_levels(stock)
    found = await pks(stock, "parent=null")
    assert top["pk"] in found
    assert middle["pk"] not in found


async def test_a_parent_that_is_not_a_number_is_refused(stock: Stock) -> None:
    response = await stock.admin.get("/api/stock/location/?parent=abc")
    assert response.status_code == 400
    assert "parent" in response.json()
