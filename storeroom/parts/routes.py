"""Routes of storeroom.parts: part creation with its options and deletion with InvenTree's
rules; the BOM, pricing and part views are in their own modules."""

from __future__ import annotations

from litestar import Response, delete, post
from litestar.types import ControllerRouterHandler

from storeroom.api import crud
from storeroom.api.context import Context
from storeroom.api.envelopes import object_body
from storeroom.api.validation import convert_body
from storeroom.auth.permissions import requires
from storeroom.models.part import PART
from storeroom.parts import creation, deletion, images, part_updates
from storeroom.parts.bom_routes import BOM_ROUTES
from storeroom.parts.company_images import COMPANY_IMAGE_ROUTES
from storeroom.parts.detail_routes import DETAIL_ROUTES, store_of
from storeroom.parts.image_routes import IMAGE_ROUTES
from storeroom.parts.part_routes import PART_ROUTES
from storeroom.parts.pricing_routes import PRICING_ROUTES
from storeroom.parts.stocktake_routes import STOCKTAKE_ROUTES


@post(
    "/part/",
    name="part-create",
    operation_id="part_create",
    opt={**requires("add", PART.access), "resource": PART, "operation": "create"},
)
async def create_part(context: Context) -> Response[bytes]:
    """Create a part, with InvenTree's create options (duplicate, copy_category_parameters,
    initial_stock, initial_supplier, existing_image)."""
    body = await context.body()
    options, copy_parameters = creation.take_options(body)
    values, errors = convert_body(PART, body, partial=False, creating=True)
    identity = context.identity
    user_id = None if identity is None or identity.is_system else identity.user_id
    created = await deletion.create_part(
        context.api, context.tenant, values, errors, options, copy_parameters, user_id
    )
    return context.render(object_body(context.dialect, PART, created), 201)


@delete(
    "/part/{id:int}/",
    name="part-destroy",
    operation_id="part_destroy",
    status_code=204,
    opt={**requires("delete", PART.access), "resource": PART, "operation": "destroy"},
)
async def delete_part(context: Context) -> None:
    """Delete a part: refused while it is active or used in an assembly's BOM. Its image files
    go with it when no other part uses them."""
    pk = crud.parse_pk(context.path_param("id"))
    async with context.tenant.transaction() as connection:
        image = await images.current_image(connection, pk)
    await deletion.delete_part(context.api, context.tenant, pk)
    if image is not None:
        await part_updates.forget_image(store_of(context), context.tenant, image)


@delete(
    "/part/",
    name="part-bulk-delete",
    operation_id="part_bulk_destroy",
    status_code=204,
    opt={**requires("delete", PART.access), "resource": PART, "operation": "bulk_delete"},
)
async def delete_parts(context: Context) -> None:
    """Delete the parts a body names (`items` or `filters`), none when one may not be deleted."""
    await deletion.delete_parts(context.api, context.tenant, await context.body())


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
    *COMPANY_IMAGE_ROUTES,
]
