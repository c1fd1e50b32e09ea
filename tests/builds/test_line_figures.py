"""What a build line can draw on (available, variant, external, in production, on order stock)
against hand-computed values, and the declared filters of builds, lines and allocations, each
asserting the rows it excludes."""

from __future__ import annotations

from typing import Any

from storeroom.models.registry import BY_MODEL_TYPE
from tests.builds.conftest import PRODUCTION, Builds
from tests.models.make import make

SUPPLIER_PART, PO, PO_LINE = (
    BY_MODEL_TYPE["supplierpart"],
    BY_MODEL_TYPE["purchaseorder"],
    BY_MODEL_TYPE["purchaseorderlineitem"],
)


async def one_line(builds: Builds, **bom: Any) -> tuple[dict[str, Any], dict[str, Any], Any]:
    """A build of 1 needing 10 of a fresh component; (build, component, line)."""
    assembly = await builds.part(assembly=True)
    component = await builds.part()
    await builds.bom(assembly, component, 10, **bom)
    build = await builds.build(assembly, status=PRODUCTION)
    (line,) = await builds.lines(build)
    return build, component, line


async def figures(builds: Builds, line: dict[str, Any]) -> dict[str, Any]:
    return dict(await builds.get(f"/api/build/line/{line['pk']}/"))


async def test_available_stock_is_free_stock_of_the_component(builds: Builds) -> None:
    build, component, line = await one_line(builds)
    free = await builds.item(component, 7)
    await builds.item(component, 5, status=65)  # rejected: not available
    await builds.item(component, 4, is_building=True)
    outside = await builds.location(external=True)
    await builds.item(component, 3, location=outside["pk"])
    other = await builds.build({"pk": build["part"]}, status=PRODUCTION)
    (other_line,) = await builds.lines(other)
    await builds.allocate(other, other_line, free, 2)
    shown = await figures(builds, line)
    assert (shown["available_stock"], shown["external_stock"]) == (5, 3)
    assert shown["total_available_stock"] == 5


async def test_variant_stock_counts_only_where_the_bom_allows_variants(builds: Builds) -> None:
    _build, component, allowing = await one_line(builds, allow_variants=True)
    variant = await builds.part(variant_of=component["pk"])
    await builds.item(variant, 6)
    await builds.item(component, 1)
    shown = await figures(builds, allowing)
    assert (shown["available_variant_stock"], shown["total_available_stock"]) == (6, 7)
    assembly = await builds.part(assembly=True)
    await builds.bom(assembly, component, 1, allow_variants=False)
    (refusing,) = await builds.lines(await builds.build(assembly))
    assert (await figures(builds, refusing))["available_variant_stock"] == 0


async def test_in_production_counts_the_components_outputs_of_active_builds(
    builds: Builds,
) -> None:
    _build, component, line = await one_line(builds)
    maker = await builds.build(component, quantity=4, status=PRODUCTION)
    await builds.post(maker, "create-output", {"quantity": 4})
    assert (await figures(builds, line))["in_production"] == 4


async def test_on_order_counts_what_open_orders_still_have_to_receive(builds: Builds) -> None:
    _build, component, line = await one_line(builds)
    supplier_part = await make(builds.admin, SUPPLIER_PART, part=component["pk"])
    order = await make(builds.admin, PO, supplier=supplier_part["supplier"])
    await builds.write(PO.table, order["pk"], status=20)
    po_line = await make(
        builds.admin, PO_LINE, order=order["pk"], part=supplier_part["pk"], quantity=9
    )
    await builds.write(PO_LINE.table, po_line["pk"], received=4)
    assert (await figures(builds, line))["on_order"] == 5


async def test_the_allocated_filter_keeps_fully_allocated_lines(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1, nut=1)
    build = await builds.build(assembly.part, quantity=2, status=PRODUCTION)
    lines = {line["part"]: line for line in await builds.lines(build)}
    bolt = lines[assembly.components["bolt"]["pk"]]
    nut = lines[assembly.components["nut"]["pk"]]
    await builds.allocate(build, bolt, await builds.item(assembly.components["bolt"], 5), 2)
    path = f"/api/build/line/?build={build['pk']}&allocated="
    assert [row["pk"] for row in await builds.get(path + "true")] == [bolt["pk"]]
    assert [row["pk"] for row in await builds.get(path + "false")] == [nut["pk"]]


async def test_the_available_filter_keeps_lines_that_stock_can_cover(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1, nut=1)
    build = await builds.build(assembly.part, quantity=3, status=PRODUCTION)
    await builds.item(assembly.components["bolt"], 3)
    await builds.item(assembly.components["nut"], 2)
    lines = {line["part"]: line for line in await builds.lines(build)}
    path = f"/api/build/line/?build={build['pk']}&available="
    covered = [row["part"] for row in await builds.get(path + "true")]
    short = [row["part"] for row in await builds.get(path + "false")]
    assert covered == [assembly.components["bolt"]["pk"]]
    assert short == [assembly.components["nut"]["pk"]]
    assert set(lines) == {*covered, *short}


async def test_line_filters_on_bom_and_component_flags(builds: Builds) -> None:
    assembly = await builds.part(assembly=True)
    glue, chip = await builds.part(), await builds.part(trackable=True)
    await builds.bom(assembly, glue, 1, consumable=True, optional=True)
    await builds.bom(assembly, chip, 1)
    build = await builds.build(assembly)
    base = f"/api/build/line/?build={build['pk']}&"
    for name, expected in (("consumable", glue), ("optional", glue), ("tracked", chip)):
        kept = [row["part"] for row in await builds.get(base + f"{name}=true")]
        dropped = [row["part"] for row in await builds.get(base + f"{name}=false")]
        assert (kept, len(dropped)) == ([expected["pk"]], 1), name
        assert expected["pk"] not in dropped
    assert [row["part"] for row in await builds.get(base + f"part={chip['pk']}")] == [chip["pk"]]


async def test_the_ancestor_filter_finds_builds_below_at_any_depth(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1)
    top = await builds.build(assembly.part)
    child = await builds.build(assembly.part, parent=top["pk"])
    grandchild = await builds.build(assembly.part, parent=child["pk"])
    await builds.build(assembly.part)
    found = await builds.get(f"/api/build/?ancestor={top['pk']}")
    assert sorted(row["pk"] for row in found) == [child["pk"], grandchild["pk"]]


async def test_allocations_filter_by_build_and_part(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1, nut=1)
    build = await builds.build(assembly.part, status=PRODUCTION)
    other = await builds.build(assembly.part, status=PRODUCTION)
    lines = {line["part"]: line for line in await builds.lines(build)}
    bolt_part, nut_part = assembly.components["bolt"], assembly.components["nut"]
    bolts, nuts = await builds.item(bolt_part, 5), await builds.item(nut_part, 5)
    await builds.allocate(build, lines[bolt_part["pk"]], bolts, 1)
    await builds.allocate(build, lines[nut_part["pk"]], nuts, 1)
    (other_bolt, _other_nut) = sorted(await builds.lines(other), key=lambda row: row["pk"])
    await builds.allocate(other, other_bolt, bolts, 1)
    mine = await builds.get(f"/api/build/item/?build={build['pk']}")
    assert sorted(row["stock_item"] for row in mine) == sorted([bolts["pk"], nuts["pk"]])
    by_part = await builds.get(f"/api/build/item/?build={build['pk']}&part={nut_part['pk']}")
    assert [row["stock_item"] for row in by_part] == [nuts["pk"]]


async def test_statistics_count_passed_and_failed_tests_of_a_builds_outputs(
    builds: Builds,
) -> None:
    assembly = await builds.part(assembly=True, testable=True)
    template = await make(
        builds.admin, BY_MODEL_TYPE["parttesttemplate"], part=assembly["pk"], test_name="Power"
    )
    build = await builds.build(assembly, quantity=3, status=PRODUCTION)
    await builds.post(build, "create-output", {"quantity": 3})
    (output,) = await builds.get(f"/api/stock/?build={build['pk']}")
    elsewhere = await builds.item(assembly, 1)
    for item, passed in ((output, True), (output, False), (output, True), (elsewhere, False)):
        await make(
            builds.admin,
            BY_MODEL_TYPE["stockitemtestresult"],
            stock_item=item["pk"],
            template=template["pk"],
            result=passed,
        )
    expected = {
        "template": template["pk"],
        "test_name": "Power",
        "pass_count": 2,
        "fail_count": 1,
        "total": 3,
    }
    by_build = await builds.get(f"/api/test-statistics/by-build/{build['pk']}/")
    assert by_build == {"results": [expected]}
    by_part = await builds.get(f"/api/test-statistics/by-part/{assembly['pk']}/")
    assert by_part == {"results": [{**expected, "fail_count": 2, "total": 4}]}
    missing = await builds.admin.get("/api/test-statistics/by-build/999999/")
    assert missing.status_code == 404


async def test_substitute_stock_counts_and_can_be_allocated(builds: Builds) -> None:
    build, component, line = await one_line(builds)
    spare = await builds.part()
    await make(
        builds.admin,
        BY_MODEL_TYPE["bomitemsubstitute"],
        bom_item=line["bom_item"],
        part=spare["pk"],
    )
    spares = await builds.item(spare, 4)
    await builds.item(component, 1)
    shown = await figures(builds, line)
    assert (shown["available_substitute_stock"], shown["total_available_stock"]) == (4, 5)
    assert (await builds.allocate(build, line, spares, 3)).status_code == 201
    assert (await figures(builds, line))["available_substitute_stock"] == 1
