"""`create_child_builds` on a build's create: a sub-build for each BOM line whose component is an
assembly, for the BOM quantity times the build's, down every level of the BOM."""

from __future__ import annotations

from typing import Any

from tests.builds.conftest import Builds


async def create(builds: Builds, part: dict[str, Any], **body: Any) -> dict[str, Any]:
    response = await builds.admin.post(
        "/api/build/", json={"part": part["pk"], "title": "Batch run", **body}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def children_of(builds: Builds, build: dict[str, Any]) -> list[dict[str, Any]]:
    return list(await builds.get(f"/api/build/?parent={build['pk']}"))


async def test_each_sub_assembly_gets_a_child_build_for_its_quantity(builds: Builds) -> None:
    top = await builds.part(assembly=True)
    frame = await builds.part(assembly=True, component=True)
    wheel = await builds.part(assembly=True, component=True)
    screw = await builds.part(component=True, assembly=False)
    await builds.bom(top, frame, 1)
    await builds.bom(top, wheel, 4)
    await builds.bom(top, screw, 10)
    build = await create(builds, top, quantity=3, create_child_builds=True, batch="K1")
    made = {child["part"]: child for child in await children_of(builds, build)}
    assert set(made) == {frame["pk"], wheel["pk"]}
    assert (made[frame["pk"]]["quantity"], made[wheel["pk"]]["quantity"]) == (3, 12)
    for child in made.values():
        assert (child["title"], child["batch"], child["level"]) == ("Batch run", "K1", 1)
        assert child["reference"] != build["reference"]
        assert child["status"] == 10


async def test_child_builds_are_made_down_every_level(builds: Builds) -> None:
    top = await builds.part(assembly=True)
    middle = await builds.part(assembly=True, component=True)
    bottom = await builds.part(assembly=True, component=True)
    await builds.bom(top, middle, 2)
    await builds.bom(middle, bottom, 5)
    build = await create(builds, top, quantity=1, create_child_builds=True)
    [child] = await children_of(builds, build)
    [grandchild] = await children_of(builds, child)
    assert (child["part"], child["quantity"]) == (middle["pk"], 2)
    assert (grandchild["part"], grandchild["quantity"], grandchild["level"]) == (
        bottom["pk"],
        10,
        2,
    )
    # A child build has its own lines, from its own BOM.
    assert [line["part"] for line in await builds.lines(child)] == [bottom["pk"]]


async def test_without_the_flag_no_child_build_is_made(builds: Builds) -> None:
    top = await builds.part(assembly=True)
    await builds.bom(top, await builds.part(assembly=True, component=True), 1)
    build = await create(builds, top, quantity=1)
    assert await children_of(builds, build) == []
    assert "create_child_builds" not in build


async def test_a_flag_that_is_not_a_boolean_is_refused(builds: Builds) -> None:
    top = await builds.part(assembly=True)
    response = await builds.admin.post(
        "/api/build/", json={"part": top["pk"], "quantity": 1, "create_child_builds": "perhaps"}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["create_child_builds"]


async def test_a_patch_with_the_flag_makes_no_child_build(builds: Builds) -> None:
    top = await builds.part(assembly=True)
    await builds.bom(top, await builds.part(assembly=True, component=True), 1)
    build = await create(builds, top, quantity=1)
    response = await builds.admin.patch(
        f"/api/build/{build['pk']}/", json={"create_child_builds": True, "title": "Renamed"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["title"] == "Renamed"
    assert await children_of(builds, build) == []
