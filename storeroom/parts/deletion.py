"""Creating parts with their options, and deleting parts with InvenTree's rules (Part.delete):
an active part is refused, and so is a part that a BOM uses (PART_ALLOW_DELETE_FROM_ASSEMBLY is
off by default)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api import crud
from storeroom.api.context import ApiContext
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Invalid, NotFound
from storeroom.models.bom import BOM_ITEM
from storeroom.models.part import PART
from storeroom.parts import creation

ACTIVE = "Cannot delete this part as it is still active"
IN_ASSEMBLY = "Cannot delete this part as it is used in an assembly"

parts, bom = PART.table, BOM_ITEM.table


async def refuse_undeletable(tenant: TenantDb, chosen: sa.ColumnElement[bool]) -> None:
    """Refuse (400) when any part `chosen` selects is active or used in a BOM."""
    async with tenant.transaction() as connection:
        active = sa.select(parts.c.id).where(chosen, parts.c.active.is_(True)).limit(1)
        if (await connection.execute(active)).first() is not None:
            raise Invalid(general=[ACTIVE])
        used = (
            sa.select(bom.c.id)
            .where(bom.c.sub_part.in_(sa.select(parts.c.id).where(chosen)))
            .limit(1)
        )
        if (await connection.execute(used)).first() is not None:
            raise Invalid(general=[IN_ASSEMBLY])


async def delete_part(context: ApiContext, tenant: TenantDb, pk: int) -> None:
    async with tenant.transaction() as connection:
        found = await connection.execute(sa.select(parts.c.id).where(parts.c.id == pk))
        if found.first() is None:
            raise NotFound()
    await refuse_undeletable(tenant, parts.c.id == pk)
    await crud.delete(context, tenant, PART, pk)


async def delete_parts(context: ApiContext, tenant: TenantDb, body: dict[str, Any]) -> int:
    chosen = crud.bulk_condition(PART, body)
    await refuse_undeletable(tenant, chosen)
    return await crud.bulk_delete(context, tenant, PART, body)


async def create_part(
    context: ApiContext,
    tenant: TenantDb,
    values: dict[str, Any],
    errors: dict[str, list[str]],
    options: dict[str, Any],
    copy_category_parameters: bool,
    user_id: int | None,
) -> dict[str, Any]:
    """Create the part, then apply its create options; a refused option deletes it again."""
    created = await crud.create(context, tenant, PART, values, errors)
    pk = int(created["pk"])
    try:
        async with tenant.transaction() as connection:
            await connection.execute(
                sa.update(parts).where(parts.c.id == pk).values(creation_user=user_id)
            )
            await creation.apply_options(connection, pk, options, copy_category_parameters, user_id)
    except Invalid:
        async with tenant.transaction() as connection:
            await connection.execute(sa.delete(parts).where(parts.c.id == pk))
        raise
    return await crud.get_one(context, tenant, PART, pk)
