"""POST /api/build/{id}/allocate/, /unallocate/ and /auto-allocate/: stock reserved for a build's
lines (InvenTree's BuildAllocationSerializer and auto_allocate_stock); nothing moves yet."""

from __future__ import annotations

from typing import Any

from storeroom.models.registry import BY_MODEL_TYPE
from tests.builds.conftest import BUILD, COMPLETE, PRODUCTION, Builds
from tests.models.make import make

SUBSTITUTE = BY_MODEL_TYPE["bomitemsubstitute"]


async def setup(builds: Builds, per_unit: float = 2, quantity: float = 5) -> tuple[Any, ...]:
    assembly = await builds.assembly(bolt=per_unit)
    build = await builds.build(assembly.part, quantity=quantity, status=PRODUCTION)
    (line,) = await builds.lines(build)
    return assembly, build, line


async def test_allocating_reserves_stock_for_the_line(builds: Builds) -> None:
    assembly, build, line = await setup(builds)
    item = await builds.item(assembly.components["bolt"], 20)
    response = await builds.allocate(build, line, item, 4)
    assert response.status_code == 201
    (allocation,) = await builds.get(f"/api/build/item/?build={build['pk']}")
    assert (allocation["stock_item"], allocation["quantity"], allocation["build"]) == (
        item["pk"],
        4,
        build["pk"],
    )
    assert (await builds.get(f"/api/build/line/{line['pk']}/"))["allocated"] == 4
    assert (await builds.get(f"/api/stock/{item['pk']}/"))["quantity"] == 20


async def test_allocating_the_same_item_again_adds_to_its_allocation(builds: Builds) -> None:
    assembly, build, line = await setup(builds)
    item = await builds.item(assembly.components["bolt"], 20)
    await builds.allocate(build, line, item, 4)
    await builds.allocate(build, line, item, 3)
    allocations = await builds.get(f"/api/build/item/?build={build['pk']}")
    assert [row["quantity"] for row in allocations] == [7]


async def test_allocating_more_than_the_item_has_free_is_refused(builds: Builds) -> None:
    assembly, build, line = await setup(builds)
    item = await builds.item(assembly.components["bolt"], 5)
    other = await builds.build(assembly.part, status=PRODUCTION)
    (other_line,) = await builds.lines(other)
    await builds.allocate(other, other_line, item, 2)
    response = await builds.allocate(build, line, item, 4)
    assert (response.status_code, response.json()) == (
        400,
        {"items": [{"quantity": ["Available quantity (3) exceeded"]}]},
    )
    assert await builds.get(f"/api/build/item/?build={build['pk']}") == []


async def test_an_item_of_another_part_is_refused(builds: Builds) -> None:
    _assembly, build, line = await setup(builds)
    stranger = await builds.item(await builds.part(), 5)
    response = await builds.allocate(build, line, stranger, 1)
    assert response.json() == {
        "items": [{"stock_item": ["Selected stock item does not match BOM line"]}]
    }


async def test_an_item_out_of_stock_is_refused(builds: Builds) -> None:
    assembly, build, line = await setup(builds)
    item = await builds.item(assembly.components["bolt"], 5, status=65)
    response = await builds.allocate(build, line, item, 1)
    assert response.json() == {"items": [{"stock_item": ["Item must be in stock"]}]}


async def test_a_line_of_another_build_is_refused(builds: Builds) -> None:
    assembly, build, _line = await setup(builds)
    other = await builds.build(assembly.part, status=PRODUCTION)
    (other_line,) = await builds.lines(other)
    item = await builds.item(assembly.components["bolt"], 5)
    response = await builds.allocate(build, other_line, item, 1)
    assert response.json() == {
        "items": [{"build_line": ["bom_item.part must point to the same part as the build order"]}]
    }


async def test_every_bad_entry_is_reported_in_its_place(builds: Builds) -> None:
    assembly, build, line = await setup(builds)
    item = await builds.item(assembly.components["bolt"], 5)
    good = {"build_line": line["pk"], "stock_item": item["pk"], "quantity": 1}
    bad = {"build_line": line["pk"], "stock_item": item["pk"], "quantity": 0}
    response = await builds.post(build, "allocate", {"items": [good, bad, {"quantity": 1}]})
    assert response.status_code == 400
    assert response.json() == {
        "items": [
            {},
            {"quantity": ["Quantity must be greater than zero"]},
            {
                "build_line": ["This field is required."],
                "stock_item": ["This field is required."],
            },
        ]
    }
    assert await builds.get(f"/api/build/item/?build={build['pk']}") == []


async def test_an_empty_allocation_is_refused(builds: Builds) -> None:
    _assembly, build, _line = await setup(builds)
    response = await builds.post(build, "allocate", {"items": []})
    assert response.json() == {"non_field_errors": ["Allocation items must be provided"]}


async def test_a_tracked_component_needs_an_output(builds: Builds) -> None:
    assembly = await builds.part(assembly=True)
    chip = await builds.part(trackable=True)
    await builds.bom(assembly, chip, 1)
    build = await builds.build(assembly, status=PRODUCTION)
    (line,) = await builds.lines(build)
    item = await builds.item(chip, 1, serial="C-1")
    response = await builds.allocate(build, line, item, 1)
    assert response.json() == {
        "items": [{"output": ["Build output must be specified for allocation of tracked parts"]}]
    }


async def test_an_untracked_component_takes_no_output(builds: Builds) -> None:
    assembly, build, line = await setup(builds)
    await builds.post(build, "create-output", {"quantity": 1})
    (output,) = await builds.get(f"/api/stock/?build={build['pk']}")
    item = await builds.item(assembly.components["bolt"], 5)
    entry = {"build_line": line["pk"], "stock_item": item["pk"], "quantity": 1}
    response = await builds.post(build, "allocate", {"items": [{**entry, "output": output["pk"]}]})
    assert response.json() == {
        "items": [
            {"output": ["Build output cannot be specified for allocation of untracked parts"]}
        ]
    }


async def test_a_consumable_line_is_not_allocated(builds: Builds) -> None:
    assembly = await builds.part(assembly=True)
    glue = await builds.part()
    await builds.bom(assembly, glue, 1, consumable=True)
    build = await builds.build(assembly, status=PRODUCTION)
    (line,) = await builds.lines(build)
    item = await builds.item(glue, 5)
    assert (await builds.allocate(build, line, item, 1)).status_code == 201
    assert await builds.get(f"/api/build/item/?build={build['pk']}") == []


async def test_a_finished_build_takes_no_allocation(builds: Builds) -> None:
    assembly, build, line = await setup(builds)
    await builds.write(BUILD.table, build["pk"], status=COMPLETE)
    item = await builds.item(assembly.components["bolt"], 5)
    response = await builds.allocate(build, line, item, 1)
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Build order is not active"]},
    )


async def test_unallocate_removes_the_builds_allocations_of_one_line(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1, nut=1)
    build = await builds.build(assembly.part, status=PRODUCTION)
    lines = {line["part"]: line for line in await builds.lines(build)}
    bolt, nut = (lines[assembly.components[name]["pk"]] for name in ("bolt", "nut"))
    bolts = await builds.item(assembly.components["bolt"], 5)
    nuts = await builds.item(assembly.components["nut"], 5)
    await builds.allocate(build, bolt, bolts, 1)
    await builds.allocate(build, nut, nuts, 1)
    response = await builds.post(build, "unallocate", {"build_line": bolt["pk"]})
    assert response.status_code == 201
    left = await builds.get(f"/api/build/item/?build={build['pk']}")
    assert [row["stock_item"] for row in left] == [nuts["pk"]]


async def test_unallocate_without_a_line_removes_every_allocation(builds: Builds) -> None:
    assembly, build, line = await setup(builds)
    await builds.allocate(build, line, await builds.item(assembly.components["bolt"], 5), 2)
    assert (await builds.post(build, "unallocate", {})).status_code == 201
    assert await builds.get(f"/api/build/item/?build={build['pk']}") == []


async def test_auto_allocate_fills_a_line_from_its_one_stock_item(builds: Builds) -> None:
    assembly, build, _line = await setup(builds, per_unit=2, quantity=5)
    item = await builds.item(assembly.components["bolt"], 30)
    response = await builds.post(build, "auto-allocate", {})
    assert response.status_code == 201
    (allocation,) = await builds.get(f"/api/build/item/?build={build['pk']}")
    assert (allocation["stock_item"], allocation["quantity"]) == (item["pk"], 10)


async def test_auto_allocate_leaves_a_line_with_several_items_unless_interchangeable(
    builds: Builds,
) -> None:
    assembly, build, _line = await setup(builds, per_unit=2, quantity=5)
    first = await builds.item(assembly.components["bolt"], 6)
    second = await builds.item(assembly.components["bolt"], 6)
    await builds.post(build, "auto-allocate", {})
    assert await builds.get(f"/api/build/item/?build={build['pk']}") == []
    await builds.post(build, "auto-allocate", {"interchangeable": True})
    allocations = await builds.get(f"/api/build/item/?build={build['pk']}")
    assert [(row["stock_item"], row["quantity"]) for row in allocations] == [
        (first["pk"], 6),
        (second["pk"], 4),
    ]


async def test_auto_allocate_takes_only_from_the_chosen_location(builds: Builds) -> None:
    assembly, build, _line = await setup(builds, per_unit=1, quantity=2)
    shelf, bin_ = await builds.location(), await builds.location()
    await builds.item(assembly.components["bolt"], 5, location=shelf["pk"])
    wanted = await builds.item(assembly.components["bolt"], 5, location=bin_["pk"])
    await builds.post(build, "auto-allocate", {"location": bin_["pk"]})
    allocations = await builds.get(f"/api/build/item/?build={build['pk']}")
    assert [row["stock_item"] for row in allocations] == [wanted["pk"]]


async def test_auto_allocate_takes_substitutes_only_when_asked(builds: Builds) -> None:
    _assembly, build, line = await setup(builds, per_unit=1, quantity=3)
    spare = await builds.part()
    await make(builds.admin, SUBSTITUTE, bom_item=line["bom_item"], part=spare["pk"])
    spares = await builds.item(spare, 5)
    await builds.post(build, "auto-allocate", {"substitutes": False})
    assert await builds.get(f"/api/build/item/?build={build['pk']}") == []
    await builds.post(build, "auto-allocate", {})
    allocations = await builds.get(f"/api/build/item/?build={build['pk']}")
    assert [(row["stock_item"], row["quantity"]) for row in allocations] == [(spares["pk"], 3)]
