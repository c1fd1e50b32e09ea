"""Stock movements as declared actions (`/api/stock/add/`, ..., `/api/stock/{id}/install/`)."""

from __future__ import annotations

from litestar import Response, delete, get, post
from litestar.types import ControllerRouterHandler

from storeroom.api import crud
from storeroom.api.actions import action
from storeroom.api.context import Context
from storeroom.api.envelopes import object_body, ordering_parameter, page_body, paging_of
from storeroom.api.openapi_structs import OperationSchema
from storeroom.auth.permissions import requires
from storeroom.models.stock import STOCK_ITEM, STOCK_LOCATION
from storeroom.models.stock_location_type import STOCK_LOCATION_TYPE
from storeroom.states import service as states
from storeroom.states.schemas import StatusClass
from storeroom.stock import creation, item_actions, location_tree, location_types, movements
from storeroom.stock.item_routes import ITEM_ROUTES
from storeroom.stock.schemas import (
    ConvertStockItem,
    InstallStockItem,
    LocationTree,
    ReturnStockItem,
    SerializeStockItem,
    StockAdd,
    StockAssignment,
    StockChangeStatus,
    StockCount,
    StockMerge,
    StockRemove,
    StockTransfer,
    UninstallStockItem,
)

CHANGE_STOCK = ("stock", "change")

LIST_ACTIONS = (
    action(
        STOCK_ITEM,
        "add",
        body=StockAdd,
        response=StockAdd,
        on_list=True,
        permission=CHANGE_STOCK,
        run=movements.add_stock,
        description="Endpoint for adding a quantity of stock to an existing StockItem.",
    ),
    action(
        STOCK_ITEM,
        "remove",
        body=StockRemove,
        response=StockRemove,
        on_list=True,
        permission=CHANGE_STOCK,
        run=movements.remove_stock,
        description="Endpoint for removing a quantity of stock from an existing StockItem.",
    ),
    action(
        STOCK_ITEM,
        "count",
        body=StockCount,
        response=StockCount,
        on_list=True,
        permission=CHANGE_STOCK,
        run=movements.count_stock,
        description="Endpoint for counting stock (performing a stocktake).",
    ),
    action(
        STOCK_ITEM,
        "transfer",
        body=StockTransfer,
        response=StockTransfer,
        on_list=True,
        permission=CHANGE_STOCK,
        run=movements.transfer_stock,
        description="API endpoint for performing stock movements.",
    ),
    action(
        STOCK_ITEM,
        "assign",
        body=StockAssignment,
        response=StockAssignment,
        on_list=True,
        permission=CHANGE_STOCK,
        run=movements.assign_stock,
        description="API endpoint for assigning stock to a particular customer.",
    ),
    action(
        STOCK_ITEM,
        "merge",
        body=StockMerge,
        response=StockMerge,
        on_list=True,
        permission=CHANGE_STOCK,
        run=movements.merge_stock,
        description="API endpoint for merging multiple stock items.",
    ),
    action(
        STOCK_ITEM,
        "change_status",
        body=StockChangeStatus,
        response=StockChangeStatus,
        on_list=True,
        permission=CHANGE_STOCK,
        run=movements.change_status,
        description="API endpoint to change the status code of multiple StockItem objects.",
    ),
)

ITEM_ACTIONS = (
    action(
        STOCK_ITEM,
        "serialize",
        body=SerializeStockItem,
        response=SerializeStockItem,
        permission=CHANGE_STOCK,
        run=item_actions.serialize_item,
        description="API endpoint for serializing a stock item.",
    ),
    action(
        STOCK_ITEM,
        "install",
        body=InstallStockItem,
        response=InstallStockItem,
        permission=CHANGE_STOCK,
        run=item_actions.install_item,
        description="API endpoint for installing a particular stock item into this stock item.",
    ),
    action(
        STOCK_ITEM,
        "uninstall",
        body=UninstallStockItem,
        response=UninstallStockItem,
        permission=CHANGE_STOCK,
        run=item_actions.uninstall_item,
        description="API endpoint for removing (uninstalling) items from this item.",
    ),
    action(
        STOCK_ITEM,
        "convert",
        body=ConvertStockItem,
        response=ConvertStockItem,
        permission=CHANGE_STOCK,
        run=item_actions.convert_item,
        description="API endpoint for converting a stock item to a variant part.",
    ),
    action(
        STOCK_ITEM,
        "return",
        body=ReturnStockItem,
        response=ReturnStockItem,
        permission=CHANGE_STOCK,
        run=item_actions.return_item,
        description="API endpoint for returning a stock item from a customer.",
    ),
)


@post(
    "/stock/",
    name="stockitem-create",
    operation_id="stock_create",
    opt={**requires("add", STOCK_ITEM.access), "resource": STOCK_ITEM, "operation": "create"},
)
async def create_stock(context: Context) -> Response[bytes]:
    """Create a stock item, or with `serial_numbers` one serialized item per serial (answered
    as their list)."""
    identity = context.identity
    user_id = None if identity is None or identity.is_system else identity.user_id
    created = await creation.create_stock(
        context.api, context.tenant, await context.body(), user_id
    )
    dialect = context.dialect
    if isinstance(created, list):
        return context.render([object_body(dialect, STOCK_ITEM, item) for item in created], 201)
    return context.render(object_body(dialect, STOCK_ITEM, created), 201)


@get(
    "/stock/status/",
    name="stock-status",
    operation_id="stock_status_retrieve",
    opt={"schema": OperationSchema(StatusClass)},
)
async def read_stock_status(context: Context) -> Response[bytes]:
    """The stock status class, with the tenant's custom states (any signed-in user)."""
    return context.render(await states.status_class(context.tenant, "StockStatus"))


@get(
    "/stock/track/status/",
    name="stock-track-status",
    operation_id="stock_track_status_retrieve",
    opt={"schema": OperationSchema(StatusClass)},
)
async def read_tracking_codes(context: Context) -> Response[bytes]:
    """The stock tracking codes (InvenTree's StockHistoryCode)."""
    return context.render(await states.status_class(context.tenant, "StockHistoryCode"))


@get(
    "/stock/location/tree/",
    name="stocklocation-tree",
    operation_id="stock_location_tree_list",
    opt={
        **requires("view", STOCK_LOCATION.access),
        "schema": OperationSchema(
            response=list[LocationTree], paginated=True, query={"ordering": str | None}
        ),
    },
)
async def list_location_tree(context: Context) -> Response[bytes]:
    """Every location, flat, for drawing the tree; paged when `limit` is given."""
    dialect = context.dialect
    paging = paging_of(dialect, context.query)
    parameter = ordering_parameter(dialect)
    found, count = await location_tree.read_tree(
        context.tenant, context.query.get(parameter), parameter, paging
    )
    if paging.limit is None:
        return context.render(found)
    return context.render(
        page_body(dialect, context.request, "stock_locations", found, count, paging)
    )


@delete(
    "/stock/location-type/{id:int}/",
    name="stocklocationtype-destroy",
    operation_id="stock_location_type_destroy",
    status_code=204,
    opt={
        **requires("delete", STOCK_LOCATION_TYPE.access),
        "resource": STOCK_LOCATION_TYPE,
        "operation": "destroy",
    },
)
async def delete_location_type(context: Context) -> None:
    """Delete a location type; its locations are left without one."""
    pk = crud.parse_pk(context.path_param("id"))
    await location_types.delete_location_type(context.api, context.tenant, pk)


@delete(
    "/stock/location-type/",
    name="stocklocationtype-bulk-delete",
    operation_id="stock_location_type_bulk_destroy",
    status_code=204,
    opt={
        **requires("delete", STOCK_LOCATION_TYPE.access),
        "resource": STOCK_LOCATION_TYPE,
        "operation": "bulk_delete",
    },
)
async def delete_location_types(context: Context) -> None:
    """Delete the location types a body names; their locations are left without one."""
    await location_types.delete_location_types(context.api, context.tenant, await context.body())


routes: list[ControllerRouterHandler] = [
    *(declared.route for declared in (*LIST_ACTIONS, *ITEM_ACTIONS)),
    create_stock,
    *ITEM_ROUTES,
    read_stock_status,
    read_tracking_codes,
    list_location_tree,
    delete_location_type,
    delete_location_types,
]
