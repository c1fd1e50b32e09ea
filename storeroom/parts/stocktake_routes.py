"""`POST /api/part/stocktake/`: a stocktake record, made by the caller (InvenTree's
PartStocktakeSerializer sets `user` from the request). The list, detail, PUT, PATCH and DELETE
are the resource layer's."""

from __future__ import annotations

from typing import Any

from litestar import Response, post

from storeroom.api import crud
from storeroom.api.context import Context
from storeroom.api.envelopes import object_body
from storeroom.api.routes import list_path, operation_base
from storeroom.api.validation import convert_body
from storeroom.auth.permissions import requires
from storeroom.models.part_stocktake import PART_STOCKTAKE


@post(
    list_path(PART_STOCKTAKE),
    name="partstocktake-create",
    operation_id=f"{operation_base(PART_STOCKTAKE)}_create",
    opt={
        **requires("add", PART_STOCKTAKE.access),
        "resource": PART_STOCKTAKE,
        "operation": "create",
    },
)
async def create_stocktake(context: Context) -> Response[Any]:
    values, errors = convert_body(
        PART_STOCKTAKE, await context.body(), partial=False, creating=True
    )
    identity = context.identity
    if identity is not None and not identity.is_system:
        values["user"] = identity.user_id
        values["user_detail"] = {
            "pk": identity.user_id,
            "username": identity.username,
            "first_name": identity.first_name,
            "last_name": identity.last_name,
            "email": identity.email,
        }
    created = await crud.create(context.api, context.tenant, PART_STOCKTAKE, values, errors)
    return context.render(object_body(context.dialect, PART_STOCKTAKE, created), 201)


STOCKTAKE_ROUTES = [create_stocktake]
