"""Routes of storeroom.parts: part deletion with InvenTree's rules, BOM validation."""

from __future__ import annotations

from typing import Any

from litestar import Request, delete
from litestar.types import ControllerRouterHandler

from storeroom.api import crud
from storeroom.api.bodies import read_body
from storeroom.api.context import api_context, tenant_of
from storeroom.auth.permissions import requires
from storeroom.models.part import PART
from storeroom.parts import deletion
from storeroom.parts.bom_routes import BOM_ROUTES
from storeroom.parts.part_routes import PART_ROUTES
from storeroom.parts.pricing_routes import PRICING_ROUTES

AnyRequest = Request[Any, Any, Any]


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
    delete_part,
    delete_parts,
    *BOM_ROUTES,
    *PRICING_ROUTES,
    *PART_ROUTES,
]
