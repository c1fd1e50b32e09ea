"""POST /api/build/{id}/issue|hold|cancel/ from InvenTree's allowed states, and
GET /api/build/status/."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.builds.conftest import (
    CANCELLED,
    COMPLETE,
    ON_HOLD,
    PENDING,
    PRODUCTION,
    Builds,
)


@pytest.mark.parametrize("state", [PENDING, ON_HOLD])
async def test_issue_puts_the_build_into_production_and_records_who(
    builds: Builds, state: int
) -> None:
    assembly = await builds.assembly(bolt=1)
    build = await builds.build(assembly.part, status=state)
    response = await builds.post(build, "issue")
    assert (response.status_code, response.json()) == (201, {})
    stored = await builds.read(build)
    assert (stored["status"], stored["status_text"]) == (PRODUCTION, "Production")
    assert stored["issued_by"] is not None


@pytest.mark.parametrize("state", [PRODUCTION, CANCELLED, COMPLETE])
async def test_issue_is_refused_from_a_state_that_cannot_be_issued(
    builds: Builds, state: int
) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part, status=state)
    response = await builds.post(build, "issue")
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Build order cannot be issued"]},
    )
    assert (await builds.read(build))["status"] == state


@pytest.mark.parametrize("state", [PENDING, PRODUCTION])
async def test_hold_puts_a_pending_or_running_build_on_hold(builds: Builds, state: int) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part, status=state)
    assert (await builds.post(build, "hold")).status_code == 201
    assert (await builds.read(build))["status"] == ON_HOLD


@pytest.mark.parametrize("state", [ON_HOLD, CANCELLED, COMPLETE])
async def test_hold_is_refused_from_other_states(builds: Builds, state: int) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part, status=state)
    response = await builds.post(build, "hold")
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Build order cannot be placed on hold"]},
    )


@pytest.mark.parametrize("state", [PENDING, PRODUCTION, ON_HOLD])
async def test_cancel_cancels_an_active_build_and_lets_its_allocations_go(
    builds: Builds, state: int
) -> None:
    assembly = await builds.assembly(bolt=2)
    build = await builds.build(assembly.part, status=state)
    item = await builds.item(assembly.components["bolt"], 5)
    (line,) = await builds.lines(build)
    assert (await builds.allocate(build, line, item, 2)).status_code == 201
    response = await builds.post(build, "cancel", {})
    assert response.status_code == 201
    assert response.json() == {"remove_allocated_stock": False, "remove_incomplete_outputs": False}
    stored = await builds.read(build)
    assert (stored["status"], stored["completion_date"]) == (
        CANCELLED,
        datetime.now(UTC).date().isoformat(),
    )
    assert await builds.get(f"/api/build/item/?build={build['pk']}") == []
    kept = await builds.get(f"/api/stock/{item['pk']}/")
    assert (kept["quantity"], kept["consumed_by"]) == (5, None)


async def test_cancel_can_consume_the_allocated_stock(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=2)
    build = await builds.build(assembly.part, status=PRODUCTION)
    item = await builds.item(assembly.components["bolt"], 5)
    (line,) = await builds.lines(build)
    await builds.allocate(build, line, item, 2)
    response = await builds.post(build, "cancel", {"remove_allocated_stock": True})
    assert response.status_code == 201
    assert (await builds.get(f"/api/stock/{item['pk']}/"))["quantity"] == 3
    consumed = await builds.get(f"/api/stock/?consumed_by={build['pk']}")
    assert [(row["part"], row["quantity"]) for row in consumed] == [
        (assembly.components["bolt"]["pk"], 2)
    ]


async def test_cancel_can_delete_outputs_still_in_production(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1)
    build = await builds.build(assembly.part, quantity=3, status=PRODUCTION)
    assert (await builds.post(build, "create-output", {"quantity": 3})).status_code == 201
    response = await builds.post(build, "cancel", {"remove_incomplete_outputs": True})
    assert response.status_code == 201
    assert await builds.get(f"/api/stock/?build={build['pk']}") == []


@pytest.mark.parametrize("state", [CANCELLED, COMPLETE])
async def test_cancel_is_refused_for_a_finished_build(builds: Builds, state: int) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part, status=state)
    response = await builds.post(build, "cancel", {})
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Build order cannot be cancelled"]},
    )


async def test_build_status_lists_the_build_states(builds: Builds) -> None:
    body = await builds.get("/api/build/status/")
    assert body["class"] == "BuildStatus"
    keys = {name: value["key"] for name, value in body["values"].items()}
    assert keys == {
        "PENDING": 10,
        "PRODUCTION": 20,
        "ON_HOLD": 25,
        "CANCELLED": 30,
        "COMPLETE": 40,
    }


async def test_another_tenant_cannot_issue_the_build(builds: Builds) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part)
    response = await builds.clients["stranger"].post(f"/api/build/{build['pk']}/issue/")
    assert response.status_code == 404
    assert (await builds.read(build))["status"] == PENDING
