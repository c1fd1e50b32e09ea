"""The nested objects of build lines and build items, with InvenTree's defaults: a line always has
its `bom_item_detail` and `allocations`, and `part_detail` unless asked not to; an allocation has
`part_detail`, `location_detail` and `stock_item_detail` (`?stock_detail=`) unless asked not to,
`supplier_part_detail` only when asked for."""

from __future__ import annotations

from typing import Any

from tests.builds.conftest import Assembly, Builds


async def allocated(builds: Builds) -> tuple[Assembly, dict[str, Any], dict[str, Any], Any]:
    """A build of an assembly needing one bolt, with 1 of 5 bolts at a shelf allocated."""
    assembly = await builds.assembly(bolt=1)
    shelf = await builds.location(name="Shelf A")
    bolts = await builds.item(assembly.components["bolt"], 5, location=shelf["pk"], batch="B7")
    build = await builds.build(assembly.part)
    [line] = await builds.lines(build)
    response = await builds.allocate(build, line, bolts, 1)
    assert response.status_code == 201, response.text
    return assembly, shelf, bolts, build


async def test_a_line_has_its_bom_item_part_and_allocations(builds: Builds) -> None:
    assembly, _, bolts, build = await allocated(builds)
    [line] = await builds.lines(build)
    bom = assembly.bom["bolt"]
    assert line["bom_item_detail"]["pk"] == bom["pk"]
    assert line["bom_item_detail"]["sub_part"] == assembly.components["bolt"]["pk"]
    assert line["bom_item_detail"]["consumable"] is False
    assert line["part_detail"]["pk"] == assembly.components["bolt"]["pk"]
    assert line["part_detail"]["name"] == assembly.components["bolt"]["name"]
    [allocation] = line["allocations"]
    assert (allocation["stock_item"], allocation["quantity"]) == (bolts["pk"], 1)
    assert allocation["build"] == build["pk"]


async def test_a_line_without_allocations_has_an_empty_list(builds: Builds) -> None:
    assembly = await builds.assembly(nut=2)
    build = await builds.build(assembly.part)
    [line] = await builds.lines(build)
    assert line["allocations"] == []


async def test_part_detail_false_leaves_the_lines_part_out(builds: Builds) -> None:
    assembly = await builds.assembly(washer=1)
    build = await builds.build(assembly.part)
    path = f"/api/build/line/?build={build['pk']}&part_detail=false"
    [line] = await builds.get(path)
    assert "part_detail" not in line
    assert "bom_item_detail" in line
    detail = await builds.get(f"/api/build/line/{line['pk']}/?part_detail=false")
    assert "part_detail" not in detail


async def test_an_allocation_has_its_part_location_and_stock_item_by_default(
    builds: Builds,
) -> None:
    assembly, shelf, bolts, build = await allocated(builds)
    [item] = await builds.get(f"/api/build/item/?build={build['pk']}")
    assert item["part_detail"]["pk"] == assembly.components["bolt"]["pk"]
    assert item["location_detail"] == {
        "pk": shelf["pk"],
        "name": "Shelf A",
        "pathstring": shelf["pathstring"],
    }
    assert item["stock_item_detail"]["pk"] == bolts["pk"]
    assert item["stock_item_detail"]["batch"] == "B7"
    assert item["stock_item_detail"]["quantity"] == 5
    assert "supplier_part_detail" not in item


async def test_an_allocations_nested_objects_can_be_turned_off_and_on(builds: Builds) -> None:
    _, _, _, build = await allocated(builds)
    params = "part_detail=false&location_detail=0&stock_detail=false&supplier_part_detail=true"
    [item] = await builds.get(f"/api/build/item/?build={build['pk']}&{params}")
    assert not {"part_detail", "location_detail", "stock_item_detail"} & set(item)
    assert item["supplier_part_detail"] is None
    detail = await builds.get(f"/api/build/item/{item['pk']}/?{params}")
    assert "part_detail" not in detail
    assert detail["supplier_part_detail"] is None


async def test_a_detail_flag_that_is_not_a_boolean_is_refused(builds: Builds) -> None:
    for path in ("/api/build/item/?stock_detail=maybe", "/api/build/line/?part_detail=maybe"):
        response = await builds.admin.get(path)
        assert response.status_code == 400
        assert list(response.json()) == [path.split("?")[1].split("=")[0]]


async def test_a_build_has_its_part_and_project_code(builds: Builds) -> None:
    assembly = await builds.assembly(pin=1)
    code = await builds.admin.post("/api/project-code/", json={"code": "PRJ-9"})
    assert code.status_code == 201, code.text
    build = await builds.build(assembly.part, project_code=code.json()["pk"])
    found = await builds.read(build)
    assert found["part_detail"]["pk"] == assembly.part["pk"]
    assert found["project_code_detail"] == {
        "pk": code.json()["pk"],
        "code": "PRJ-9",
        "description": "",
    }
    [listed] = await builds.get(f"/api/build/?part={assembly.part['pk']}&part_detail=false")
    assert "part_detail" not in listed
    assert listed["project_code_detail"]["code"] == "PRJ-9"


async def test_a_build_without_project_code_has_a_null_detail(builds: Builds) -> None:
    assembly = await builds.assembly(clip=1)
    build = await builds.build(assembly.part)
    assert (await builds.read(build))["project_code_detail"] is None
