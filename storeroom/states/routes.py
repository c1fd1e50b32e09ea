"""`/api/generic/status/` and `/api/generic/status/{statusmodel}/`, for any signed-in user."""

from __future__ import annotations

from litestar import Response, get
from litestar.handlers import HTTPRouteHandler

from storeroom.api.context import Context
from storeroom.api.openapi_structs import OperationSchema
from storeroom.states import service
from storeroom.states.schemas import StatusClass


@get(
    "/generic/status/",
    name="generic-status-all",
    operation_id="generic_status_retrieve",
    opt={"schema": OperationSchema(response=dict[str, StatusClass])},
)
async def list_status_classes(context: Context) -> Response[bytes]:
    return context.render(await service.all_status_classes(context.tenant))


@get(
    "/generic/status/{statusmodel:str}/",
    name="generic-status",
    operation_id="generic_status_retrieve_2",
    opt={"schema": OperationSchema(response=StatusClass)},
)
async def read_status_class(context: Context) -> Response[bytes]:
    name = context.path_param("statusmodel")
    return context.render(await service.status_class(context.tenant, name))


routes: list[HTTPRouteHandler] = [list_status_classes, read_status_class]
