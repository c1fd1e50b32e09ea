"""Stock movements as declared actions (`/api/stock/add/`, ..., `/api/stock/{id}/install/`)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.types import ControllerRouterHandler

from storeroom.api.actions import action
from storeroom.api.context import tenant_of
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.routes import render
from storeroom.models.stock import STOCK_ITEM
from storeroom.states import service as states
from storeroom.states.schemas import StatusClass
from storeroom.stock import item_actions, movements
from storeroom.stock.schemas import (
    ConvertStockItem,
    InstallStockItem,
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


@get(
    "/stock/status/",
    name="stock-status",
    operation_id="stock_status_retrieve",
    opt={"schema": OperationSchema(StatusClass)},
)
async def read_stock_status(request: Request[Any, Any, Any]) -> Response[bytes]:
    """The stock status class, with the tenant's custom states (any signed-in user)."""
    return render(request, await states.status_class(tenant_of(request), "StockStatus"))


@get(
    "/stock/track/status/",
    name="stock-track-status",
    operation_id="stock_track_status_retrieve",
    opt={"schema": OperationSchema(StatusClass)},
)
async def read_tracking_codes(request: Request[Any, Any, Any]) -> Response[bytes]:
    """The stock tracking codes (InvenTree's StockHistoryCode)."""
    return render(request, await states.status_class(tenant_of(request), "StockHistoryCode"))


routes: list[ControllerRouterHandler] = [
    *(declared.route for declared in (*LIST_ACTIONS, *ITEM_ACTIONS)),
    read_stock_status,
    read_tracking_codes,
]
