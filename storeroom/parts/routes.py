"""Routes of storeroom.parts: part creation with its options and deletion with InvenTree's
rules; the BOM, pricing and part views are in their own modules."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, post
from litestar.types import ControllerRouterHandler

from storeroom.api import crud
from storeroom.api.bodies import read_body
from storeroom.api.context import api_context, tenant_of
from storeroom.api.dialects import dialect_of
from storeroom.api.envelopes import object_body
from storeroom.api.routes import render
from storeroom.api.validation import convert_body
from storeroom.auth.middleware import identity_of
from storeroom.auth.permissions import requires
from storeroom.models.part import PART
from storeroom.parts import creation, deletion
from storeroom.parts.bom_routes import BOM_ROUTES
from storeroom.parts.detail_routes import DETAIL_ROUTES
from storeroom.parts.image_routes import IMAGE_ROUTES
from storeroom.parts.part_routes import PART_ROUTES
from storeroom.parts.pricing_routes import PRICING_ROUTES
from storeroom.parts.stocktake_routes import STOCKTAKE_ROUTES

AnyRequest = Request[Any, Any, Any]


@post(
    "/part/",
    name="part-create",
    operation_id="part_create",
    opt={**requires("add", PART.access), "resource": PART, "operation": "create"},
)
async def create_part(request: AnyRequest) -> Response[bytes]:
    """Create a part, with InvenTree's create options (duplicate, copy_category_parameters,
    initial_stock, initial_supplier)."""
    body = await read_body(request)
    options, copy_parameters = creation.take_options(body)
    values, errors = convert_body(PART, body, partial=False, creating=True)
    identity = identity_of(request.scope)
    user_id = None if identity is None or identity.is_system else identity.user_id
    created = await deletion.create_part(
        api_context(request), tenant_of(request), values, errors, options, copy_parameters, user_id
    )
    return render(request, object_body(dialect_of(request.scope), PART, created), 201)


@delete(
    "/part/{id:int}/",
    name="part-destroy",
    operation_id="part_destroy",
    status_code=204,
    opt={**requires("delete", PART.access), "resource": PART, "operation": "destroy"},
)
async def delete_part(request: AnyRequest) -> None:
    """Delete a part: refused while it is active or used in an assembly's BOM."""
    pk = crud.parse_pk(request.path_params["id"])
    await deletion.delete_part(api_context(request), tenant_of(request), pk)


@delete(
    "/part/",
    name="part-bulk-delete",
    operation_id="part_bulk_destroy",
    status_code=204,
    opt={**requires("delete", PART.access), "resource": PART, "operation": "bulk_delete"},
)
async def delete_parts(request: AnyRequest) -> None:
    """Delete the parts a body names (`items` or `filters`), none when one may not be deleted."""
    body = await read_body(request)
    await deletion.delete_parts(api_context(request), tenant_of(request), body)


routes: list[ControllerRouterHandler] = [
    create_part,
    delete_part,
    delete_parts,
    *BOM_ROUTES,
    *PRICING_ROUTES,
    *PART_ROUTES,
    *DETAIL_ROUTES,
    *IMAGE_ROUTES,
    *STOCKTAKE_ROUTES,
]
