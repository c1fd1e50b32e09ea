"""Build outputs: create-output (with serial numbers), complete (tracked allocations installed),
scrap-outputs and delete-outputs; every stock change written to the item's history."""

from __future__ import annotations

from typing import Any

from tests.builds.conftest import PENDING, PRODUCTION, Builds

# StockHistoryCode values.
CREATED, COMPLETED, REJECTED_OUTPUT = 50, 55, 56
INSTALLED_INTO, INSTALLED_CHILD = 30, 35


async def outputs_of(builds: Builds, build: dict[str, Any]) -> list[dict[str, Any]]:
    return list(await builds.get(f"/api/stock/?build={build['pk']}&ordering=serial"))


async def codes_of(builds: Builds, item: int) -> list[int]:
    entries = await builds.get(f"/api/stock/track/?item={item}&ordering=date")
    return [entry["tracking_type"] for entry in entries]


async def test_create_output_makes_one_item_in_production(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1)
    location = await builds.location()
    build = await builds.build(assembly.part, quantity=5, status=PRODUCTION)
    body = {"quantity": "3", "batch_code": "B-7", "location": location["pk"]}
    response = await builds.post(build, "create-output", body)
    assert response.status_code == 201
    (output,) = await outputs_of(builds, build)
    assert response.json() == [output]
    shown = {key: output[key] for key in ("part", "quantity", "is_building", "batch", "location")}
    assert shown == {
        "part": assembly.part["pk"],
        "quantity": 3,
        "is_building": True,
        "batch": "B-7",
        "location": location["pk"],
    }
    assert await codes_of(builds, output["pk"]) == [CREATED]


async def test_create_output_puts_a_pending_build_into_production(builds: Builds) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part, status=PENDING)
    await builds.post(build, "create-output", {"quantity": 1})
    assert (await builds.read(build))["status"] == PRODUCTION


async def test_serial_numbers_make_one_output_each(builds: Builds) -> None:
    assembly = await builds.part(assembly=True, trackable=True)
    build = await builds.build(assembly, quantity=3, status=PRODUCTION)
    response = await builds.post(build, "create-output", {"quantity": 3, "serial_numbers": "7-9"})
    assert response.status_code == 201
    outputs = await outputs_of(builds, build)
    assert [(row["serial"], row["quantity"]) for row in outputs] == [("7", 1), ("8", 1), ("9", 1)]


async def test_a_trackable_assembly_needs_serial_numbers(builds: Builds) -> None:
    assembly = await builds.part(assembly=True, trackable=True)
    build = await builds.build(assembly, status=PRODUCTION)
    response = await builds.post(build, "create-output", {"quantity": 1})
    assert (response.status_code, response.json()) == (
        400,
        {"serial_numbers": ["Serial numbers must be provided for trackable parts"]},
    )
    assert await outputs_of(builds, build) == []


async def test_a_serial_number_in_use_is_refused(builds: Builds) -> None:
    assembly = await builds.part(assembly=True, trackable=True)
    await builds.item(assembly, 1, serial="42")
    build = await builds.build(assembly, status=PRODUCTION)
    response = await builds.post(build, "create-output", {"quantity": 1, "serial_numbers": "42"})
    assert response.json() == {"serial_numbers": ["The following serial numbers already exist: 42"]}


async def test_a_fractional_quantity_of_a_trackable_assembly_is_refused(builds: Builds) -> None:
    assembly = await builds.part(assembly=True, trackable=True)
    build = await builds.build(assembly, status=PRODUCTION)
    response = await builds.post(build, "create-output", {"quantity": "1.5", "serial_numbers": "1"})
    assert response.json() == {"quantity": ["Integer quantity required for trackable parts"]}


async def test_completing_an_output_puts_it_into_stock(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1)
    build = await builds.build(assembly.part, quantity=2, status=PRODUCTION)
    shelf = await builds.location()
    await builds.post(build, "create-output", {"quantity": 2})
    (output,) = await outputs_of(builds, build)
    body = {"outputs": [{"output": output["pk"]}], "location": shelf["pk"], "notes": "done"}
    response = await builds.post(build, "complete", body)
    assert response.status_code == 201
    done = await builds.get(f"/api/stock/{output['pk']}/")
    assert (done["is_building"], done["location"], done["status"]) == (False, shelf["pk"], 10)
    assert await codes_of(builds, output["pk"]) == [CREATED, COMPLETED]
    assert (await builds.read(build))["completed"] == 2


async def test_completing_installs_the_tracked_allocations_into_the_output(
    builds: Builds,
) -> None:
    assembly = await builds.part(assembly=True, trackable=True)
    chip = await builds.part(trackable=True)
    await builds.bom(assembly, chip, 1)
    build = await builds.build(assembly, status=PRODUCTION)
    await builds.post(build, "create-output", {"quantity": 1, "serial_numbers": "100"})
    (output,) = await outputs_of(builds, build)
    (line,) = await builds.lines(build)
    part = await builds.item(chip, 1, serial="C-9")
    entry = {"build_line": line["pk"], "stock_item": part["pk"], "quantity": 1}
    allocated = await builds.post(build, "allocate", {"items": [{**entry, "output": output["pk"]}]})
    assert allocated.status_code == 201, allocated.text
    shelf = await builds.location()
    body = {"outputs": [{"output": output["pk"]}], "location": shelf["pk"]}
    assert (await builds.post(build, "complete", body)).status_code == 201
    installed = await builds.get(f"/api/stock/{part['pk']}/")
    assert installed["belongs_to"] == output["pk"]
    assert (await codes_of(builds, part["pk"]))[-1] == INSTALLED_INTO
    assert await codes_of(builds, output["pk"]) == [CREATED, INSTALLED_CHILD, COMPLETED]


async def test_an_output_short_of_tracked_stock_is_refused_unless_accepted(
    builds: Builds,
) -> None:
    assembly = await builds.part(assembly=True, trackable=True)
    await builds.bom(assembly, await builds.part(trackable=True), 1)
    build = await builds.build(assembly, status=PRODUCTION)
    await builds.post(build, "create-output", {"quantity": 1, "serial_numbers": "200"})
    (output,) = await outputs_of(builds, build)
    shelf = await builds.location()
    body = {"outputs": [{"output": output["pk"]}], "location": shelf["pk"]}
    response = await builds.post(build, "complete", body)
    assert response.json() == {
        "outputs": [{"output": ["This build output is not fully allocated"]}]
    }
    accepted = await builds.post(build, "complete", {**body, "accept_incomplete_allocation": True})
    assert accepted.status_code == 201


async def test_an_output_completed_already_is_refused(builds: Builds) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part, status=PRODUCTION)
    await builds.post(build, "create-output", {"quantity": 1})
    (output,) = await outputs_of(builds, build)
    shelf = await builds.location()
    body = {"outputs": [{"output": output["pk"]}], "location": shelf["pk"]}
    await builds.post(build, "complete", body)
    response = await builds.post(build, "complete", body)
    assert response.json() == {
        "outputs": [{"output": ["This build output has already been completed"]}]
    }


async def test_scrapping_part_of_an_output_rejects_that_quantity(builds: Builds) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part, status=PRODUCTION)
    await builds.post(build, "create-output", {"quantity": 5})
    (output,) = await outputs_of(builds, build)
    bin_ = await builds.location()
    body = {
        "outputs": [{"output": output["pk"], "quantity": 2}],
        "location": bin_["pk"],
        "notes": "cracked",
    }
    assert (await builds.post(build, "scrap-outputs", body)).status_code == 201
    rows = await builds.get(f"/api/stock/?build={build['pk']}&ordering=quantity")
    shown = [(row["quantity"], row["is_building"], row["status"]) for row in rows]
    assert shown == [(2, False, 65), (3, True, 10)]
    scrapped = rows[0]
    assert (await codes_of(builds, scrapped["pk"]))[-1] == REJECTED_OUTPUT


async def test_scrapping_more_than_the_output_is_refused(builds: Builds) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part, status=PRODUCTION)
    await builds.post(build, "create-output", {"quantity": 1})
    (output,) = await outputs_of(builds, build)
    bin_ = await builds.location()
    body = {
        "outputs": [{"output": output["pk"], "quantity": 2}],
        "location": bin_["pk"],
        "notes": "x",
    }
    response = await builds.post(build, "scrap-outputs", body)
    assert response.json() == {
        "outputs": [{"quantity": ["Quantity cannot be greater than the output quantity"]}]
    }


async def test_deleting_outputs_removes_them_and_their_allocations(builds: Builds) -> None:
    assembly = await builds.part(assembly=True, trackable=True)
    chip = await builds.part(trackable=True)
    await builds.bom(assembly, chip, 1)
    build = await builds.build(assembly, quantity=2, status=PRODUCTION)
    await builds.post(build, "create-output", {"quantity": 2, "serial_numbers": "300-301"})
    first, second = await outputs_of(builds, build)
    (line,) = await builds.lines(build)
    part = await builds.item(chip, 1, serial="C-300")
    entry = {"build_line": line["pk"], "stock_item": part["pk"], "quantity": 1}
    await builds.post(build, "allocate", {"items": [{**entry, "output": first["pk"]}]})
    response = await builds.post(build, "delete-outputs", {"outputs": [{"output": first["pk"]}]})
    assert response.status_code == 201
    assert [row["pk"] for row in await outputs_of(builds, build)] == [second["pk"]]
    assert await builds.get(f"/api/build/item/?build={build['pk']}") == []
    assert (await builds.get(f"/api/stock/{part['pk']}/"))["belongs_to"] is None


async def test_an_empty_list_of_outputs_is_refused(builds: Builds) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part, status=PRODUCTION)
    response = await builds.post(build, "delete-outputs", {"outputs": []})
    assert response.json() == {"non_field_errors": ["A list of build outputs must be provided"]}


async def test_an_output_of_another_build_is_refused(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1)
    build = await builds.build(assembly.part, status=PRODUCTION)
    other = await builds.build(assembly.part, status=PRODUCTION)
    await builds.post(other, "create-output", {"quantity": 1})
    (foreign,) = await outputs_of(builds, other)
    response = await builds.post(build, "delete-outputs", {"outputs": [{"output": foreign["pk"]}]})
    assert response.json() == {
        "outputs": [{"output": ["Build output does not match the parent build"]}]
    }
    assert [row["pk"] for row in await outputs_of(builds, other)] == [foreign["pk"]]
