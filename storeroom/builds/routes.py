"""Build order actions (`/api/build/{id}/issue|hold|cancel|allocate|auto-allocate|unallocate|
create-output|complete|scrap-outputs|delete-outputs|finish/`) and the status class of builds
(`/api/build/status/`), and deleting builds (only a cancelled one, as InvenTree allows).

The allowed states are InvenTree's (Build.can_issue, can_hold; cancel an active build; finish
one in production). Where InvenTree answers 201 and changes nothing, storeroom refuses with a 400
(docs/api-behaviour.md, "Build orders").
"""

from __future__ import annotations

from typing import Any

from litestar import Response, delete, get

from storeroom.api import crud
from storeroom.api.actions import action
from storeroom.api.context import Context
from storeroom.api.openapi_structs import OperationSchema
from storeroom.auth.permissions import Access, Permission, requires
from storeroom.builds import allocation, auto, deletion, outputs, service, statistics
from storeroom.builds.detail_routes import DETAIL_ROUTES
from storeroom.builds.schemas import (
    BuildAllocation,
    BuildAutoAllocation,
    BuildCancel,
    BuildComplete,
    BuildOutputComplete,
    BuildOutputCreate,
    BuildOutputDelete,
    BuildOutputScrap,
    BuildUnallocation,
    TestStatistics,
)
from storeroom.builds.service import ACTIVE, ON_HOLD, PENDING, PRODUCTION
from storeroom.models.build import BUILD
from storeroom.states import service as states
from storeroom.states.schemas import StatusClass

CHANGE_BUILD = ("build", "change")
NOT_ACTIVE = "Build order is not active"


def build_action(name: str, body: Any, run: Any, allowed: Any, refused: str, about: str) -> Any:
    return action(
        BUILD,
        name,
        body=body,
        response=body,
        permission=CHANGE_BUILD,
        allowed_from=allowed,
        refused=refused,
        run=run,
        description=about,
    )


ISSUE = build_action(
    "issue",
    None,
    service.issue_build,
    (PENDING, ON_HOLD),
    "Build order cannot be issued",
    "API endpoint for issuing a BuildOrder.",
)
HOLD = build_action(
    "hold",
    None,
    service.hold_build,
    (PENDING, PRODUCTION),
    "Build order cannot be placed on hold",
    "API endpoint for placing a BuildOrder on hold.",
)
CANCEL = build_action(
    "cancel",
    BuildCancel,
    service.cancel_build,
    ACTIVE,
    "Build order cannot be cancelled",
    "API endpoint for cancelling a BuildOrder.",
)
FINISH = build_action(
    "finish",
    BuildComplete,
    service.finish_build,
    (PRODUCTION,),
    "Build order must be in production state",
    "API endpoint for marking a build as finished (completed).",
)
ALLOCATE = build_action(
    "allocate",
    BuildAllocation,
    allocation.allocate,
    ACTIVE,
    NOT_ACTIVE,
    "API endpoint to allocate stock items to a build order.",
)
AUTO_ALLOCATE = build_action(
    "auto-allocate",
    BuildAutoAllocation,
    auto.auto_allocate,
    ACTIVE,
    NOT_ACTIVE,
    "API endpoint for 'automatically' allocating stock against a build order.",
)
UNALLOCATE = build_action(
    "unallocate",
    BuildUnallocation,
    allocation.unallocate,
    ACTIVE,
    NOT_ACTIVE,
    "API endpoint for unallocating stock items from a build order.",
)
CREATE_OUTPUT = build_action(
    "create-output",
    BuildOutputCreate,
    outputs.create_output,
    ACTIVE,
    NOT_ACTIVE,
    "API endpoint for creating new build output(s).",
)
COMPLETE = build_action(
    "complete",
    BuildOutputComplete,
    outputs.complete_outputs,
    ACTIVE,
    NOT_ACTIVE,
    "API endpoint for completing build outputs.",
)
SCRAP = build_action(
    "scrap-outputs",
    BuildOutputScrap,
    outputs.scrap_outputs,
    ACTIVE,
    NOT_ACTIVE,
    "API endpoint for scrapping build output(s).",
)
DELETE_OUTPUTS = build_action(
    "delete-outputs",
    BuildOutputDelete,
    outputs.delete_outputs,
    ACTIVE,
    NOT_ACTIVE,
    "API endpoint for deleting multiple build outputs.",
)
ACTIONS = (
    ISSUE,
    HOLD,
    CANCEL,
    FINISH,
    ALLOCATE,
    AUTO_ALLOCATE,
    UNALLOCATE,
    CREATE_OUTPUT,
    COMPLETE,
    SCRAP,
    DELETE_OUTPUTS,
)


VIEW_BUILD = Permission("view", Access(ruleset="build"))
VIEW_PART = Permission("view", Access(ruleset="part"))


@get(
    "/test-statistics/by-build/{id:int}/",
    name="test-statistics-by-build",
    operation_id="test_statistics_by_build_retrieve",
    opt={"schema": OperationSchema(TestStatistics), "permission": VIEW_BUILD},
)
async def read_statistics_by_build(context: Context) -> Response[bytes]:
    """Return test execution count matrix broken down by test result."""
    pk = int(context.path_param("id"))
    return context.render(await statistics.statistics(context.tenant, "build", pk))


@get(
    "/test-statistics/by-part/{id:int}/",
    name="test-statistics-by-part",
    operation_id="test_statistics_by_part_retrieve",
    opt={"schema": OperationSchema(TestStatistics), "permission": VIEW_PART},
)
async def read_statistics_by_part(context: Context) -> Response[bytes]:
    """Return test execution count matrix broken down by test result."""
    pk = int(context.path_param("id"))
    return context.render(await statistics.statistics(context.tenant, "part", pk))


@get(
    "/build/status/",
    name="build-status",
    operation_id="build_status_retrieve",
    opt={"schema": OperationSchema(StatusClass)},
)
async def read_build_status(context: Context) -> Response[bytes]:
    """The build status class, with the tenant's custom states (any signed-in user)."""
    return context.render(await states.status_class(context.tenant, "BuildStatus"))


@delete(
    "/build/{id:int}/",
    name="build-destroy",
    operation_id="build_destroy",
    status_code=204,
    opt={**requires("delete", BUILD.access), "resource": BUILD, "operation": "destroy"},
)
async def delete_build(context: Context) -> None:
    """Delete a build order: refused unless it is cancelled."""
    pk = crud.parse_pk(context.path_param("id"))
    await deletion.delete_build(context.api, context.tenant, pk)


@delete(
    "/build/",
    name="build-bulk-delete",
    operation_id="build_bulk_destroy",
    status_code=204,
    opt={**requires("delete", BUILD.access), "resource": BUILD, "operation": "bulk_delete"},
)
async def delete_builds(context: Context) -> None:
    """Delete the builds a body names (`items` or `filters`), none when one is not cancelled."""
    await deletion.delete_builds(context.api, context.tenant, await context.body())


routes = [
    *(declared.route for declared in ACTIONS),
    read_build_status,
    read_statistics_by_build,
    read_statistics_by_part,
    delete_build,
    delete_builds,
    *DETAIL_ROUTES,
]
