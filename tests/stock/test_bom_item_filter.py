"""GET /api/stock/?bom_item=: the stock a BOM line may use (InvenTree's BomItem.get_stock_filter):
its component, the component's variants at any depth where the line allows variants, its
substitutes, and of those only parts as trackable as the component."""

from __future__ import annotations

from typing import Any

from storeroom.models.registry import BY_MODEL_TYPE
from tests.models.make import make
from tests.stock.conftest import Stock

BOM_ITEM, SUBSTITUTE = BY_MODEL_TYPE["bomitem"], BY_MODEL_TYPE["bomitemsubstitute"]


async def pks(stock: Stock, line: dict[str, Any]) -> set[int]:
    response = await stock.admin.get("/api/stock/", params={"bom_item": line["pk"]})
    assert response.status_code == 200, response.text
    return {row["pk"] for row in response.json()}


async def line_for(stock: Stock, component: dict[str, Any], allow_variants: bool) -> Any:
    assembly = await stock.part(assembly=True)
    return await make(
        stock.admin,
        BOM_ITEM,
        part=assembly["pk"],
        sub_part=component["pk"],
        quantity=1,
        allow_variants=allow_variants,
        inherited=False,
        optional=False,
        consumable=False,
    )


async def test_bom_item_keeps_the_component_and_its_substitutes(stock: Stock) -> None:
    component, substitute, unrelated = [await stock.part(component=True) for _ in range(3)]
    line = await line_for(stock, component, allow_variants=False)
    await make(stock.admin, SUBSTITUTE, bom_item=line["pk"], part=substitute["pk"])
    own = await stock.item(part=component["pk"])
    substituted = await stock.item(part=substitute["pk"])
    other = await stock.item(part=unrelated["pk"])
    found = await pks(stock, line)
    assert found == {own["pk"], substituted["pk"]}
    assert other["pk"] not in found


async def test_variants_count_only_where_the_line_allows_them(stock: Stock) -> None:
    template = await stock.part(component=True, is_template=True)
    variant = await stock.part(component=True, variant_of=template["pk"], is_template=True)
    below = await stock.part(component=True, variant_of=variant["pk"])
    items = [await stock.item(part=part["pk"]) for part in (template, variant, below)]
    allowing = await line_for(stock, template, allow_variants=True)
    strict = await line_for(stock, template, allow_variants=False)
    assert await pks(stock, allowing) == {item["pk"] for item in items}
    assert await pks(stock, strict) == {items[0]["pk"]}


async def test_a_substitute_not_as_trackable_as_the_component_is_left_out(stock: Stock) -> None:
    component = await stock.part(component=True)
    tracked = await stock.part(component=True, trackable=True)
    line = await line_for(stock, component, allow_variants=False)
    await make(stock.admin, SUBSTITUTE, bom_item=line["pk"], part=tracked["pk"])
    own = await stock.item(part=component["pk"])
    untrackable_match = await stock.item(1, part=tracked["pk"], serial="BOM-1")
    found = await pks(stock, line)
    assert found == {own["pk"]}
    assert untrackable_match["pk"] not in found


async def test_an_unknown_bom_item_keeps_nothing(stock: Stock) -> None:
    await stock.item()
    assert await pks(stock, {"pk": 987654321}) == set()
