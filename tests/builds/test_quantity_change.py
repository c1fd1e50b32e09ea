"""PATCH/PUT /api/build/{id}/ with a new quantity: every line's quantity is worked out again from
its BOM item (InvenTree's update_build_line_items, run on every save of a build)."""

from __future__ import annotations

import pytest

from tests.builds.conftest import Builds


async def quantities(builds: Builds, build: dict[str, object]) -> dict[int, float]:
    return {line["part"]: line["quantity"] for line in await builds.lines(build)}


async def test_a_new_quantity_rescales_every_line(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=4, plate=0.5)
    build = await builds.build(assembly.part, quantity=2)
    response = await builds.admin.patch(f"/api/build/{build['pk']}/", json={"quantity": 10})
    assert response.status_code == 200, response.text
    bolt, plate = assembly.components["bolt"]["pk"], assembly.components["plate"]["pk"]
    assert await quantities(builds, build) == {bolt: 40, plate: 5}


async def test_a_rescaled_line_keeps_its_overage(builds: Builds) -> None:
    assembly = await builds.part(assembly=True)
    units, share = await builds.part(), await builds.part()
    await builds.bom(assembly, units, 2, overage="3")
    await builds.bom(assembly, share, 2, overage="10%")
    build = await builds.build(assembly, quantity=1)
    await builds.admin.patch(f"/api/build/{build['pk']}/", json={"quantity": 20})
    assert await quantities(builds, build) == {units["pk"]: 43, share["pk"]: 44}


async def test_other_builds_lines_keep_their_quantities(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=3)
    changed = await builds.build(assembly.part, quantity=1)
    other = await builds.build(assembly.part, quantity=1)
    await builds.admin.patch(f"/api/build/{changed['pk']}/", json={"quantity": 5})
    bolt = assembly.components["bolt"]["pk"]
    assert await quantities(builds, changed) == {bolt: 15}
    assert await quantities(builds, other) == {bolt: 3}


async def test_a_bom_item_added_later_gets_no_line_on_rescale(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1)
    build = await builds.build(assembly.part, quantity=1)
    await builds.bom(assembly.part, await builds.part(component=True), 7)
    await builds.admin.patch(f"/api/build/{build['pk']}/", json={"quantity": 2})
    assert await quantities(builds, build) == {assembly.components["bolt"]["pk"]: 2}


async def test_any_edit_of_a_build_works_its_lines_out_again(builds: Builds) -> None:
    # InvenTree rescales on every save of a build, not only when its quantity changes: a line
    # edited by hand takes its BOM quantity again when the build is edited.
    assembly = await builds.assembly(bolt=2)
    build = await builds.build(assembly.part, quantity=3)
    (line,) = await builds.lines(build)
    await builds.admin.patch(f"/api/build/line/{line['pk']}/", json={"quantity": 100})
    response = await builds.admin.patch(f"/api/build/{build['pk']}/", json={"title": "Renamed"})
    assert response.status_code == 200, response.text
    assert await quantities(builds, build) == {assembly.components["bolt"]["pk"]: 6}


@pytest.mark.parametrize("quantity", [0, -2, 0.5])
async def test_a_build_quantity_below_one_is_refused(builds: Builds, quantity: float) -> None:
    assembly = await builds.assembly(bolt=1)
    created = await builds.admin.post(
        "/api/build/", json={"part": assembly.part["pk"], "quantity": quantity}
    )
    assert (created.status_code, created.json()) == (
        400,
        {"quantity": ["Ensure this value is greater than or equal to 1."]},
    )
    build = await builds.build(assembly.part, quantity=2)
    changed = await builds.admin.patch(f"/api/build/{build['pk']}/", json={"quantity": quantity})
    assert changed.status_code == 400
    assert set(changed.json()) == {"quantity"}
    assert (await builds.read(build))["quantity"] == 2
    assert await quantities(builds, build) == {assembly.components["bolt"]["pk"]: 2}
