"""DELETE /api/build/{id}/ and the bulk DELETE /api/build/: only a cancelled build may be deleted
(InvenTree's BuildDetail.destroy); a bulk delete naming one that is not deletes none."""

from __future__ import annotations

import pytest

from tests.builds.conftest import CANCELLED, COMPLETE, ON_HOLD, PENDING, PRODUCTION, Builds

REFUSED = {"non_field_errors": ["Build must be cancelled before it can be deleted"]}


async def test_a_cancelled_build_is_deleted(builds: Builds) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part, status=CANCELLED)
    assert (await builds.admin.delete(f"/api/build/{build['pk']}/")).status_code == 204
    assert (await builds.admin.get(f"/api/build/{build['pk']}/")).status_code == 404


@pytest.mark.parametrize("state", [PENDING, PRODUCTION, ON_HOLD, COMPLETE])
async def test_a_build_that_is_not_cancelled_is_kept(builds: Builds, state: int) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part, status=state)
    response = await builds.admin.delete(f"/api/build/{build['pk']}/")
    assert (response.status_code, response.json()) == (400, REFUSED)
    assert (await builds.read(build))["status"] == state


async def test_deleting_a_missing_build_is_a_404(builds: Builds) -> None:
    response = await builds.admin.delete("/api/build/999999/")
    assert response.status_code == 404
    assert response.json()["detail"]


async def test_another_tenants_cancelled_build_is_a_404(builds: Builds) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part, status=CANCELLED)
    response = await builds.clients["stranger"].delete(f"/api/build/{build['pk']}/")
    assert response.status_code == 404
    assert (await builds.read(build))["pk"] == build["pk"]


async def test_a_bulk_delete_of_cancelled_builds_deletes_them(builds: Builds) -> None:
    part = (await builds.assembly(bolt=1)).part
    made = [await builds.build(part, status=CANCELLED) for _ in range(2)]
    kept = await builds.build(part, status=CANCELLED)
    response = await builds.admin.request(
        "DELETE", "/api/build/", json={"items": [build["pk"] for build in made]}
    )
    assert response.status_code == 204
    for build in made:
        assert (await builds.admin.get(f"/api/build/{build['pk']}/")).status_code == 404
    assert (await builds.read(kept))["pk"] == kept["pk"]


async def test_a_bulk_delete_naming_a_running_build_deletes_none(builds: Builds) -> None:
    part = (await builds.assembly(bolt=1)).part
    cancelled = await builds.build(part, status=CANCELLED)
    running = await builds.build(part, status=PRODUCTION)
    response = await builds.admin.request(
        "DELETE", "/api/build/", json={"items": [cancelled["pk"], running["pk"]]}
    )
    assert (response.status_code, response.json()) == (400, REFUSED)
    assert (await builds.read(cancelled))["pk"] == cancelled["pk"]
    assert (await builds.read(running))["pk"] == running["pk"]
