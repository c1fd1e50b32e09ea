"""POST /api/build/{id}/finish/: a build in production is completed, its untracked allocated
stock consumed through the ledger (InvenTree's BuildCompleteSerializer and complete_build)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.builds.conftest import CANCELLED, COMPLETE, ON_HOLD, PENDING, PRODUCTION, Builds

BUILD_CONSUMED, SPLIT_CHILD = 57, 42


async def built(builds: Builds, quantity: float = 2, allocate: float = 4) -> tuple[Any, ...]:
    """A build in production whose outputs are complete, `allocate` bolts allocated."""
    assembly = await builds.assembly(bolt=2)
    build = await builds.build(assembly.part, quantity=quantity, status=PRODUCTION)
    item = await builds.item(assembly.components["bolt"], 10)
    (line,) = await builds.lines(build)
    if allocate:
        assert (await builds.allocate(build, line, item, allocate)).status_code == 201
    await builds.post(build, "create-output", {"quantity": quantity})
    (output,) = await builds.get(f"/api/stock/?build={build['pk']}")
    shelf = await builds.location()
    body = {"outputs": [{"output": output["pk"]}], "location": shelf["pk"]}
    assert (await builds.post(build, "complete", body)).status_code == 201
    return assembly, build, item


async def test_finishing_consumes_the_allocated_stock_into_the_build(builds: Builds) -> None:
    assembly, build, item = await built(builds)
    response = await builds.post(build, "finish", {})
    assert (response.status_code, response.json()) == (
        201,
        {"accept_overallocated": "reject", "accept_unallocated": False, "accept_incomplete": False},
    )
    stored = await builds.read(build)
    assert (stored["status"], stored["completion_date"]) == (
        COMPLETE,
        datetime.now(UTC).date().isoformat(),
    )
    assert (await builds.get(f"/api/stock/{item['pk']}/"))["quantity"] == 6
    (consumed,) = await builds.get(f"/api/stock/?consumed_by={build['pk']}")
    assert (consumed["part"], consumed["quantity"], consumed["location"]) == (
        assembly.components["bolt"]["pk"],
        4,
        None,
    )
    history = await builds.get(f"/api/stock/track/?item={consumed['pk']}&ordering=date")
    assert history[-1]["tracking_type"] == BUILD_CONSUMED
    assert history[-1]["deltas"]["buildorder"] == build["pk"]
    parent = await builds.get(f"/api/stock/track/?item={item['pk']}&ordering=date")
    assert parent[-1]["tracking_type"] == SPLIT_CHILD


async def test_unallocated_stock_is_refused_unless_accepted(builds: Builds) -> None:
    _assembly, build, item = await built(builds, allocate=1)
    response = await builds.post(build, "finish", {})
    assert (response.status_code, response.json()) == (
        400,
        {"accept_unallocated": ["Required stock has not been fully allocated"]},
    )
    assert (await builds.read(build))["status"] == PRODUCTION
    accepted = await builds.post(build, "finish", {"accept_unallocated": True})
    assert accepted.status_code == 201
    assert (await builds.get(f"/api/stock/{item['pk']}/"))["quantity"] == 9


async def test_overallocated_stock_is_refused_trimmed_or_accepted(builds: Builds) -> None:
    _assembly, build, item = await built(builds, allocate=6)
    refused = await builds.post(build, "finish", {})
    assert refused.json() == {"accept_overallocated": ["Some stock items have been overallocated"]}
    assert (await builds.post(build, "finish", {"accept_overallocated": "trim"})).status_code == 201
    assert (await builds.get(f"/api/stock/{item['pk']}/"))["quantity"] == 6


async def test_an_unfinished_quantity_is_refused_unless_accepted(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1)
    build = await builds.build(assembly.part, quantity=3, status=PRODUCTION)
    response = await builds.post(build, "finish", {"accept_unallocated": True})
    assert response.json() == {
        "accept_incomplete": ["Required build quantity has not been completed"]
    }


async def test_outputs_in_production_are_refused(builds: Builds) -> None:
    assembly = await builds.assembly(bolt=1)
    build = await builds.build(assembly.part, quantity=1, status=PRODUCTION)
    await builds.post(build, "create-output", {"quantity": 1})
    body = {"accept_unallocated": True, "accept_incomplete": True}
    response = await builds.post(build, "finish", body)
    assert response.json() == {"non_field_errors": ["Build order has incomplete outputs"]}


@pytest.mark.parametrize("state", [PENDING, ON_HOLD, CANCELLED, COMPLETE])
async def test_finish_is_refused_outside_production(builds: Builds, state: int) -> None:
    build = await builds.build((await builds.assembly(bolt=1)).part, status=state)
    response = await builds.post(build, "finish", {"accept_incomplete": True})
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Build order must be in production state"]},
    )


async def test_a_build_with_an_open_sub_build_is_refused(builds: Builds) -> None:
    _assembly, build, _item = await built(builds)
    child = await builds.build((await builds.assembly(nut=1)).part, parent=build["pk"])
    response = await builds.post(build, "finish", {})
    assert response.json() == {"non_field_errors": ["Build order has open child build orders"]}
    await builds.post(child, "cancel", {})
    assert (await builds.post(build, "finish", {})).status_code == 201
