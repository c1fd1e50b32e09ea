"""`/api/background-task/`: the overview, pending, scheduled and failed tasks, and the DELETEs
of pending and failed ones; staff only, each tenant seeing its own jobs (service.py)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, get
from litestar.handlers import HTTPRouteHandler

from storeroom.api.bodies import read_body
from storeroom.api.context import api_context, require_identity
from storeroom.api.dialects import dialect_of
from storeroom.api.envelopes import page_body, paging_of
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.routes import render
from storeroom.auth.permissions import STAFF, requires
from storeroom.background import service
from storeroom.background.schemas import FailedTask, PendingTask, ScheduledTask, TaskOverview
from storeroom.background.state import queue_of

AnyRequest = Request[Any, Any, Any]
SEARCHED = {"ordering": str | None, "search": str | None}


def scope_of(request: AnyRequest) -> tuple[str, str]:
    """The tenant asking, and the default tenant (whose staff see the deployment's jobs)."""
    return require_identity(request).account, api_context(request).settings.default_tenant


def listed(request: AnyRequest, bodies: list[dict[str, Any]], plural: str) -> Response[bytes]:
    """The list, paged as InvenTree pages it when `limit` is given (always, in other dialects)."""
    dialect = dialect_of(request.scope)
    paging = paging_of(dialect, request.query_params)
    if paging.limit is None:
        return render(request, bodies)
    page = bodies[paging.offset : paging.offset + paging.limit]
    return render(request, page_body(dialect, request, plural, page, len(bodies), paging))


@get(
    "/background-task/",
    name="background-task-overview",
    operation_id="background_task_retrieve",
    opt={**requires("view", STAFF), "schema": OperationSchema(response=TaskOverview)},
)
async def task_overview(request: AnyRequest) -> Response[bytes]:
    return render(request, await service.overview(queue_of(request), *scope_of(request)))


@get(
    "/background-task/pending/",
    name="background-task-pending",
    operation_id="background_task_pending_list",
    opt={
        **requires("view", STAFF),
        "schema": OperationSchema(response=list[PendingTask], paginated=True),
    },
)
async def list_pending_tasks(request: AnyRequest) -> Response[bytes]:
    bodies = await service.pending_list(queue_of(request), *scope_of(request))
    return listed(request, bodies, "pending_tasks")


@delete(
    "/background-task/pending/",
    name="background-task-pending-delete",
    operation_id="background_task_pending_destroy",
    status_code=204,
    opt=requires("delete", STAFF),
)
async def delete_pending_tasks(request: AnyRequest) -> None:
    body = await read_body(request)
    await service.delete_tasks(queue_of(request), "pending", body, *scope_of(request))


@get(
    "/background-task/scheduled/",
    name="background-task-scheduled",
    operation_id="background_task_scheduled_list",
    opt={
        **requires("view", STAFF),
        "schema": OperationSchema(response=list[ScheduledTask], paginated=True, query=SEARCHED),
    },
)
async def list_scheduled_tasks(request: AnyRequest) -> Response[bytes]:
    params = request.query_params
    bodies = service.searched(await service.scheduled_list(queue_of(request)), params.get("search"))
    ordered = service.ordered(bodies, params.get("ordering"), service.SCHEDULED_ORDERING)
    return listed(request, ordered, "scheduled_tasks")


@get(
    "/background-task/failed/",
    name="background-task-failed",
    operation_id="background_task_failed_list",
    opt={
        **requires("view", STAFF),
        "schema": OperationSchema(response=list[FailedTask], paginated=True, query=SEARCHED),
    },
)
async def list_failed_tasks(request: AnyRequest) -> Response[bytes]:
    params = request.query_params
    found = await service.failed_list(queue_of(request), *scope_of(request))
    bodies = service.searched(found, params.get("search"))
    ordered = service.ordered(bodies, params.get("ordering"), service.FAILED_ORDERING)
    return listed(request, ordered, "failed_tasks")


@delete(
    "/background-task/failed/",
    name="background-task-failed-delete",
    operation_id="background_task_failed_destroy",
    status_code=204,
    opt=requires("delete", STAFF),
)
async def delete_failed_tasks(request: AnyRequest) -> None:
    body = await read_body(request)
    await service.delete_tasks(queue_of(request), "failed", body, *scope_of(request))


routes: list[HTTPRouteHandler] = [
    task_overview,
    list_pending_tasks,
    delete_pending_tasks,
    list_scheduled_tasks,
    list_failed_tasks,
    delete_failed_tasks,
]
