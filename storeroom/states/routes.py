"""`/api/generic/status/` and `/api/generic/status/{statusmodel}/`, for any signed-in user."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.handlers import HTTPRouteHandler

from storeroom.api.context import tenant_of
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.routes import render
from storeroom.states import service
from storeroom.states.schemas import StatusClass

AnyRequest = Request[Any, Any, Any]


@get(
    "/generic/status/",
    name="generic-status-all",
    operation_id="generic_status_retrieve",
    opt={"schema": OperationSchema(response=dict[str, StatusClass])},
)
async def list_status_classes(request: AnyRequest) -> Response[bytes]:
    return render(request, await service.all_status_classes(tenant_of(request)))


@get(
    "/generic/status/{statusmodel:str}/",
    name="generic-status",
    operation_id="generic_status_retrieve_2",
    opt={"schema": OperationSchema(response=StatusClass)},
)
async def read_status_class(request: AnyRequest) -> Response[bytes]:
    name = request.path_params["statusmodel"]
    return render(request, await service.status_class(tenant_of(request), name))


routes: list[HTTPRouteHandler] = [list_status_classes, read_status_class]
