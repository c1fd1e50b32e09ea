"""`/api/background-task/`: the overview, pending, scheduled and failed tasks, and the DELETEs
of pending and failed ones; staff only, each tenant seeing its own jobs (service.py)."""

from __future__ import annotations

from litestar import Response, delete, get
from litestar.handlers import HTTPRouteHandler

from storeroom.api.context import Context, RequestContext
from storeroom.api.openapi_structs import OperationSchema
from storeroom.auth.permissions import STAFF, requires
from storeroom.background import service
from storeroom.background.schemas import FailedTask, PendingTask, ScheduledTask, TaskOverview
from storeroom.background.state import queue_of

SEARCHED = {"ordering": str | None, "search": str | None}


def scope_of(context: RequestContext) -> tuple[str, str]:
    """The tenant asking, and the default tenant (whose staff see the deployment's jobs)."""
    return context.signed_in.account, context.settings.default_tenant


@get(
    "/background-task/",
    name="background-task-overview",
    operation_id="background_task_retrieve",
    opt={**requires("view", STAFF), "schema": OperationSchema(response=TaskOverview)},
)
async def task_overview(context: Context) -> Response[bytes]:
    return context.render(await service.overview(queue_of(context), *scope_of(context)))


@get(
    "/background-task/pending/",
    name="background-task-pending",
    operation_id="background_task_pending_list",
    opt={
        **requires("view", STAFF),
        "schema": OperationSchema(response=list[PendingTask], paginated=True),
    },
)
async def list_pending_tasks(context: Context) -> Response[bytes]:
    bodies = await service.pending_list(queue_of(context), *scope_of(context))
    return context.render_list(bodies, "pending_tasks")


@delete(
    "/background-task/pending/",
    name="background-task-pending-delete",
    operation_id="background_task_pending_destroy",
    status_code=204,
    opt=requires("delete", STAFF),
)
async def delete_pending_tasks(context: Context) -> None:
    body = await context.body()
    await service.delete_tasks(queue_of(context), "pending", body, *scope_of(context))


@get(
    "/background-task/scheduled/",
    name="background-task-scheduled",
    operation_id="background_task_scheduled_list",
    opt={
        **requires("view", STAFF),
        "schema": OperationSchema(response=list[ScheduledTask], paginated=True, query=SEARCHED),
    },
)
async def list_scheduled_tasks(context: Context) -> Response[bytes]:
    params = context.query
    bodies = service.searched(await service.scheduled_list(queue_of(context)), params.get("search"))
    ordered = service.ordered(bodies, params.get("ordering"), service.SCHEDULED_ORDERING)
    return context.render_list(ordered, "scheduled_tasks")


@get(
    "/background-task/failed/",
    name="background-task-failed",
    operation_id="background_task_failed_list",
    opt={
        **requires("view", STAFF),
        "schema": OperationSchema(response=list[FailedTask], paginated=True, query=SEARCHED),
    },
)
async def list_failed_tasks(context: Context) -> Response[bytes]:
    params = context.query
    found = await service.failed_list(queue_of(context), *scope_of(context))
    bodies = service.searched(found, params.get("search"))
    ordered = service.ordered(bodies, params.get("ordering"), service.FAILED_ORDERING)
    return context.render_list(ordered, "failed_tasks")


@delete(
    "/background-task/failed/",
    name="background-task-failed-delete",
    operation_id="background_task_failed_destroy",
    status_code=204,
    opt=requires("delete", STAFF),
)
async def delete_failed_tasks(context: Context) -> None:
    body = await context.body()
    await service.delete_tasks(queue_of(context), "failed", body, *scope_of(context))


routes: list[HTTPRouteHandler] = [
    task_overview,
    list_pending_tasks,
    delete_pending_tasks,
    list_scheduled_tasks,
    list_failed_tasks,
    delete_failed_tasks,
]
