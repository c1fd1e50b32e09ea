"""The status classes of orders and return lines (`/api/order/po/status/`, `so/status/`,
`ro/status/`, `ro-line/status/`), with the tenant's custom states; any signed-in user reads them."""

from __future__ import annotations

from litestar import Response, get
from litestar.handlers import HTTPRouteHandler

from storeroom.api.context import Context
from storeroom.api.openapi_structs import OperationSchema
from storeroom.states import service as states
from storeroom.states.schemas import StatusClass


def status_route(path: str, status_class: str) -> HTTPRouteHandler:
    """GET `/order/<path>/status/`: the named status class."""
    words = path.replace("-", "_")

    async def read_order_status(context: Context) -> Response[bytes]:
        return context.render(await states.status_class(context.tenant, status_class))

    return get(
        f"/order/{path}/status/",
        name=f"order-{path}-status",
        operation_id=f"order_{words}_status_retrieve",
        description=f"The {status_class} class, with the tenant's custom states.",
        opt={"schema": OperationSchema(StatusClass)},
    )(read_order_status)


routes = [
    status_route("po", "PurchaseOrderStatus"),
    status_route("so", "SalesOrderStatus"),
    status_route("ro", "ReturnOrderStatus"),
    status_route("ro-line", "ReturnOrderLineStatus"),
]
