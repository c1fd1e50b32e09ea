"""Build lines: made from the assembly's BOM when a build is created (BOM quantity x build
quantity, plus overage; inherited BOM items of templates too), never posted."""

from __future__ import annotations

from tests.builds.conftest import Builds


async def test_a_new_build_gets_one_line_per_bom_item_scaled_by_its_quantity(
    builds: Builds,
) -> None:
    assembly = await builds.assembly(bolt=4, plate=0.5)
    build = await builds.build(assembly.part, quantity=6)
    lines = await builds.lines(build)
    by_bom = {line["bom_item"]: line for line in lines}
    assert set(by_bom) == {assembly.bom["bolt"]["pk"], assembly.bom["plate"]["pk"]}
    bolt, plate = by_bom[assembly.bom["bolt"]["pk"]], by_bom[assembly.bom["plate"]["pk"]]
    assert (bolt["quantity"], bolt["part"], bolt["build"]) == (
        24,
        assembly.components["bolt"]["pk"],
        build["pk"],
    )
    assert (plate["quantity"], plate["part"]) == (3, assembly.components["plate"]["pk"])


async def test_another_builds_lines_are_not_listed(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1)
    first = await builds.build(assembly.part)
    second = await builds.build(assembly.part)
    lines = await builds.lines(first)
    assert [line["build"] for line in lines] == [first["pk"]]
    assert [line["build"] for line in await builds.lines(second)] == [second["pk"]]


async def test_overage_adds_units_or_a_percentage(builds: Builds) -> None:
    assembly = await builds.part(assembly=True)
    units, share = await builds.part(), await builds.part()
    await builds.bom(assembly, units, 2, overage="3")
    await builds.bom(assembly, share, 2, overage="10%")
    build = await builds.build(assembly, quantity=10)
    quantities = {line["part"]: line["quantity"] for line in await builds.lines(build)}
    assert quantities == {units["pk"]: 23, share["pk"]: 22}


async def test_a_variant_inherits_only_the_inherited_bom_items_of_its_template(
    builds: Builds,
) -> None:
    template = await builds.part(assembly=True, is_template=True)
    variant = await builds.part(assembly=True, variant_of=template["pk"])
    kept, dropped, own = await builds.part(), await builds.part(), await builds.part()
    await builds.bom(template, kept, 1, inherited=True)
    await builds.bom(template, dropped, 1, inherited=False)
    await builds.bom(variant, own, 1)
    build = await builds.build(variant, quantity=2)
    assert sorted(line["part"] for line in await builds.lines(build)) == [kept["pk"], own["pk"]]


async def test_lines_show_the_bom_items_flags_and_the_components_names(builds: Builds) -> None:
    assembly = await builds.part(assembly=True)
    component = await builds.part(name="Hex bolt M3", IPN="HB-3", trackable=True, testable=True)
    await builds.bom(assembly, component, 1, reference="R1", optional=True, allow_variants=True)
    build = await builds.build(assembly)
    (line,) = await builds.lines(build)
    shown = {key: line[key] for key in ("reference", "optional", "consumable", "allow_variants")}
    assert shown == {
        "reference": "R1",
        "optional": True,
        "consumable": False,
        "allow_variants": True,
    }
    assert (line["part_name"], line["part_IPN"], line["trackable"], line["testable"]) == (
        "Hex bolt M3",
        "HB-3",
        True,
        True,
    )


async def test_a_line_can_be_posted_for_a_build_and_bom_item(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1)
    build = await builds.build(assembly.part)
    extra = await builds.bom(assembly.part, await builds.part(), 2)
    body = {"build": build["pk"], "bom_item": extra["pk"], "quantity": 9}
    response = await builds.admin.post("/api/build/line/", json=body)
    assert response.status_code == 201, response.text
    assert (response.json()["quantity"], response.json()["part"]) == (9, extra["sub_part"])
    assert len(await builds.lines(build)) == 2
    missing = await builds.admin.post("/api/build/line/", json={"quantity": 1})
    assert missing.json() == {
        "build": ["This field is required."],
        "bom_item": ["This field is required."],
    }


async def test_a_builds_lines_go_with_it(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1)
    build = await builds.build(assembly.part, status=30)
    (line,) = await builds.lines(build)
    assert (await builds.admin.delete(f"/api/build/{build['pk']}/")).status_code == 204
    assert (await builds.admin.get(f"/api/build/line/{line['pk']}/")).status_code == 404
