"""Deleting a stock location type: its locations keep no type (InvenTree's SET_NULL, done here as
`stocklocation.location_type` is a plain column, see models/stock.py)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api import crud
from storeroom.api.context import ApiContext
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import NotFound
from storeroom.models.stock import STOCK_LOCATION
from storeroom.models.stock_location_type import STOCK_LOCATION_TYPE

TYPES, LOCATIONS = STOCK_LOCATION_TYPE.table, STOCK_LOCATION.table


async def delete_location_type(context: ApiContext, tenant: TenantDb, pk: int) -> None:
    if not await delete_where(context, tenant, TYPES.c.id == pk):
        raise NotFound()


async def delete_location_types(
    context: ApiContext, tenant: TenantDb, body: dict[str, Any]
) -> None:
    """The bulk DELETE every storeroom list serves: the types a body names (`items` or
    `filters`)."""
    await delete_where(context, tenant, crud.bulk_condition(STOCK_LOCATION_TYPE, body))


async def delete_where(
    context: ApiContext, tenant: TenantDb, condition: sa.ColumnElement[bool]
) -> int:
    """Delete the matching types, clearing their locations' type first; how many went."""
    async with tenant.transaction() as connection:
        chosen = sa.select(TYPES.c.id).where(condition)
        await connection.execute(
            sa.update(LOCATIONS)
            .where(LOCATIONS.c.location_type.in_(chosen))
            .values(location_type=None)
        )
        deleted = await connection.execute(sa.delete(TYPES).where(condition))
    context.counts.invalidate(tenant.account, TYPES.name)
    return int(deleted.rowcount)
