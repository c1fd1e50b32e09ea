"""A company's image (InvenTree's Company.image): `PUT`/`PATCH /api/company/{id}/` take a
multipart `image` beside the other fields, checked by Pillow and stored with its thumbnail as a
part's image is (parts/images.py), and served at the same URLs. `image: null` in a JSON body
removes it; a replaced or removed image's files are deleted."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from litestar import Response
from litestar.handlers import HTTPRouteHandler

from storeroom.api import crud
from storeroom.api.context import Context
from storeroom.api.envelopes import object_body
from storeroom.api.validation import convert_body
from storeroom.attachments.storage.store import FileStore
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import NotFound
from storeroom.models.company import COMPANY
from storeroom.parts import images, part_updates
from storeroom.parts.detail_routes import store_of, update_method
from storeroom.parts.image_upload import PartWrite, read_part_write


async def current_image(tenant: TenantDb, pk: int) -> str | None:
    company = COMPANY.table
    async with tenant.transaction() as connection:
        found = await connection.execute(sa.select(company.c.image).where(company.c.id == pk))
        row = found.first()
    if row is None:
        raise NotFound()
    return row.image or None


async def update_company(
    context: Context, store: FileStore, pk: int, written: PartWrite, partial: bool
) -> dict[str, Any]:
    tenant = context.tenant
    values, errors = convert_body(COMPANY, written.body, partial=partial)
    old = await current_image(tenant, pk)
    new = await part_updates.save_image(store, tenant, written)
    if new is not None or written.clears_image:
        values["image"] = new
    try:
        updated = await crud.update(context.api, tenant, COMPANY, pk, values, errors)
    except BaseException:
        if new is not None:
            await images.remove_image(store, tenant.account, new)
        raise
    # Every upload has a folder of its own: the replaced file is this company's alone.
    if old is not None and "image" in values and values["image"] != old:
        await images.remove_image(store, tenant.account, old)
    return updated


def company_update_route(partial: bool) -> HTTPRouteHandler:
    async def update(context: Context) -> Response[Any]:
        pk = crud.parse_pk(context.path_param("id"))
        written = await read_part_write(context)
        try:
            updated = await update_company(context, store_of(context), pk, written, partial)
        finally:
            await written.discard()
        return context.render(object_body(context.dialect, COMPANY, updated))

    # The image streams to a temporary file: the body may be larger than the app's limit.
    handler: HTTPRouteHandler = update_method(COMPANY, partial, request_max_body_size=None)(update)
    return handler


COMPANY_IMAGE_ROUTES = [company_update_route(partial=False), company_update_route(partial=True)]
