"""`level` on /api/build/: how many builds are above a build (0 for a top build), as InvenTree's
build tree answers it."""

from __future__ import annotations

from tests.builds.conftest import Builds


async def test_level_counts_the_builds_above(builds: Builds) -> None:
    part = (await builds.assembly(bolt=1)).part
    top = await builds.build(part)
    middle = await builds.build(part, parent=top["pk"])
    bottom = await builds.build(part, parent=middle["pk"])
    other = await builds.build(part)
    levels = {
        build["pk"]: (await builds.read(build))["level"] for build in (top, middle, bottom, other)
    }
    assert levels == {top["pk"]: 0, middle["pk"]: 1, bottom["pk"]: 2, other["pk"]: 0}


async def test_level_is_listed_for_each_build(builds: Builds) -> None:
    part = (await builds.assembly(bolt=1)).part
    top = await builds.build(part)
    child = await builds.build(part, parent=top["pk"])
    listed = await builds.get(f"/api/build/?part={part['pk']}")
    assert {build["pk"]: build["level"] for build in listed} == {top["pk"]: 0, child["pk"]: 1}


async def test_a_build_cannot_be_moved_below_itself(builds: Builds) -> None:
    part = (await builds.assembly(bolt=1)).part
    first = await builds.build(part)
    second = await builds.build(part, parent=first["pk"])
    third = await builds.build(part, parent=second["pk"])
    for parent in (first, third):
        response = await builds.admin.patch(
            f"/api/build/{first['pk']}/", json={"parent": parent["pk"]}
        )
        assert (response.status_code, response.json()) == (
            400,
            {"parent": ["A build order cannot be a child of itself or of its own sub-builds."]},
        )
    assert (await builds.read(first))["parent"] is None
    assert (await builds.read(third))["level"] == 2
