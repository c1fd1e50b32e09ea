"""Deleting build orders with InvenTree's rule (BuildDetail.destroy): only a cancelled build may
be deleted. The bulk DELETE that storeroom serves on every list keeps the same rule: it deletes
nothing when one of the builds it names is not cancelled."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api import crud
from storeroom.api.context import ApiContext
from storeroom.builds.service import CANCELLED
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Invalid, NotFound
from storeroom.models.build import BUILD

NOT_CANCELLED = "Build must be cancelled before it can be deleted"

builds = BUILD.table


async def refuse_uncancelled(tenant: TenantDb, chosen: sa.ColumnElement[bool]) -> None:
    async with tenant.transaction() as connection:
        query = sa.select(builds.c.id).where(chosen, builds.c.status != CANCELLED).limit(1)
        if (await connection.execute(query)).first() is not None:
            raise Invalid(general=[NOT_CANCELLED])


async def delete_build(context: ApiContext, tenant: TenantDb, pk: int) -> None:
    async with tenant.transaction() as connection:
        found = await connection.execute(sa.select(builds.c.id).where(builds.c.id == pk))
        if found.first() is None:
            raise NotFound()
    await refuse_uncancelled(tenant, builds.c.id == pk)
    await crud.delete(context, tenant, BUILD, pk)


async def delete_builds(context: ApiContext, tenant: TenantDb, body: dict[str, Any]) -> int:
    await refuse_uncancelled(tenant, crud.bulk_condition(BUILD, body))
    return await crud.bulk_delete(context, tenant, BUILD, body)
