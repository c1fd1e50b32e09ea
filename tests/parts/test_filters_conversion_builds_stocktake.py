"""The part filters convert_from (InvenTree's conversion options), stock_to_build (active builds
need more than they allocated) and stocktake (a part has had one)."""

from __future__ import annotations

from httpx import AsyncClient

from tests.parts import make


async def test_convert_from_offers_the_variant_tree_around_the_part(admin: AsyncClient) -> None:
    template = await make.part(admin, is_template=True)
    part = await make.part(admin, variant_of=template["pk"], is_template=True)
    sibling = await make.part(admin, variant_of=template["pk"])
    child = await make.part(admin, variant_of=part["pk"], is_template=True)
    grandchild = await make.part(admin, variant_of=child["pk"])
    inactive = await make.part(admin, variant_of=template["pk"], active=False)
    virtual = await make.part(admin, variant_of=template["pk"], virtual=True)
    unrelated = await make.part(admin)
    found = await make.pks(admin, "/api/part/", convert_from=part["pk"])
    assert found == {template["pk"], sibling["pk"], child["pk"], grandchild["pk"]}
    assert not {part["pk"], inactive["pk"], virtual["pk"], unrelated["pk"]} & found


async def test_convert_from_a_top_part_offers_its_variants_only(admin: AsyncClient) -> None:
    template = await make.part(admin, is_template=True)
    variant = await make.part(admin, variant_of=template["pk"])
    await make.part(admin)
    assert await make.pks(admin, "/api/part/", convert_from=template["pk"]) == {variant["pk"]}


async def test_convert_from_that_is_not_a_pk_is_refused(admin: AsyncClient) -> None:
    response = await admin.get("/api/part/", params={"convert_from": "bolt"})
    assert response.status_code == 400
    assert list(response.json()) == ["convert_from"]


async def test_stock_to_build_keeps_parts_active_builds_still_need(admin: AsyncClient) -> None:
    assembly = await make.part(admin, assembly=True)
    needed = await make.part(admin, component=True)
    idle = await make.part(admin, component=True)
    await make.bom_line(admin, assembly["pk"], needed["pk"], 3)
    await make.post(admin, "/api/build/", part=assembly["pk"], quantity=2)
    short = await make.pks(admin, "/api/part/", stock_to_build="true")
    covered = await make.pks(admin, "/api/part/", stock_to_build="false")
    assert needed["pk"] in short
    assert idle["pk"] not in short
    assert idle["pk"] in covered
    assert needed["pk"] not in covered


async def test_stocktake_keeps_the_parts_that_had_one(admin: AsyncClient) -> None:
    counted, never = await make.part(admin), await make.part(admin)
    await make.post(admin, "/api/part/stocktake/", part=counted["pk"], quantity=4)
    found = (await admin.get(f"/api/part/{counted['pk']}/")).json()
    assert found["last_stocktake"] is not None
    with_stocktake = await make.pks(admin, "/api/part/", stocktake="true")
    without = await make.pks(admin, "/api/part/", stocktake="false")
    assert counted["pk"] in with_stocktake
    assert never["pk"] not in with_stocktake
    assert never["pk"] in without
    assert counted["pk"] not in without
