"""PUT and PATCH of parts and categories: the fields, the caller's star, and a part's image
(stored before the row is written, removed again if the write fails; the image it replaces is
removed after, once no part uses it)."""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api import crud
from storeroom.api.context import ApiContext
from storeroom.api.resource import Resource
from storeroom.api.validation import convert_body
from storeroom.attachments.storage.store import FileStore, StorageUnavailable
from storeroom.db.tenant_db import TenantDb
from storeroom.models.part import PART
from storeroom.parts import images, stars
from storeroom.parts.image_upload import PartWrite

log = logging.getLogger("storeroom.parts")


async def update_object(
    context: ApiContext,
    tenant: TenantDb,
    resource: Resource,
    pk: int,
    body: dict[str, Any],
    partial: bool,
    user: int | None,
) -> dict[str, Any]:
    """A category's (or an image-less part's) update with the caller's `starred`."""
    starred = stars.take_starred(body)
    values, errors = convert_body(resource, body, partial=partial)
    updated = await crud.update(context, tenant, resource, pk, values, errors)
    return await star(context, tenant, resource.model_type, updated, starred, user)


async def star(
    context: ApiContext,
    tenant: TenantDb,
    model_type: str,
    updated: dict[str, Any],
    starred: bool | None,
    user: int | None,
) -> dict[str, Any]:
    if starred is not None:
        async with tenant.transaction() as connection:
            await stars.set_starred(connection, model_type, user, updated["pk"], starred)
        # A cached count of `?starred=` lists is stale now.
        context.counts.invalidate(tenant.account, model_type)
    found = await stars.mark(tenant, model_type, user, [updated])
    return found[0]


async def update_part(
    context: ApiContext,
    store: FileStore,
    tenant: TenantDb,
    pk: int,
    written: PartWrite,
    partial: bool,
    user: int | None,
) -> dict[str, Any]:
    starred = stars.take_starred(written.body)
    values, errors = convert_body(PART, written.body, partial=partial)
    async with tenant.transaction() as connection:
        old = await images.current_image(connection, pk)
        templates = await template_of(connection, pk)
    new = await save_image(store, tenant, written)
    if new is not None or written.clears_image:
        values["image"] = new
    try:
        updated = await crud.update(context, tenant, PART, pk, values, errors)
    except BaseException:
        if new is not None:
            await images.remove_image(store, tenant.account, new)
        raise
    if old is not None and "image" in values and values["image"] != old:
        await forget_image(store, tenant, old)
    if "variant_of" in values and values["variant_of"] != templates:
        await schedule_pricing(tenant, [templates, values["variant_of"]])
    return await star(context, tenant, PART.model_type, updated, starred, user)


async def template_of(connection: AsyncConnection, pk: int) -> int | None:
    part = PART.table
    query = sa.select(part.c.variant_of).where(part.c.id == pk)
    return (await connection.execute(query)).scalar_one_or_none()


async def schedule_pricing(tenant: TenantDb, parts: list[int | None]) -> None:
    """A variant moved: the templates it left and joined are due for a pricing recalculation
    (their variant cost changed; the pricing.pending job recalculates them)."""
    part = PART.table
    chosen = [pk for pk in parts if pk is not None]
    if chosen:
        async with tenant.transaction() as connection:
            await connection.execute(
                sa.update(part).where(part.c.id.in_(chosen)).values(pricing_updated=None)
            )


async def save_image(store: FileStore, tenant: TenantDb, written: PartWrite) -> str | None:
    """The uploaded image checked and stored (its URL), or None without one."""
    if written.image is None:
        return None
    checked = await images.check(written.image)
    return await images.store_image(store, tenant.account, written.image, checked)


async def forget_image(store: FileStore, tenant: TenantDb, url: str) -> None:
    """Remove a replaced image once no part uses it (a storage that cannot be reached leaves
    a file no part names, logged)."""
    async with tenant.transaction() as connection:
        if await images.is_used(connection, url):
            return
    try:
        await images.remove_image(store, tenant.account, url)
    except StorageUnavailable:
        log.exception(
            "could not remove part image %s of %s, which no part uses", url, tenant.account
        )
