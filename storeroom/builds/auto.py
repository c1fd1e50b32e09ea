"""Auto-allocation (`/api/build/{id}/auto-allocate/`, InvenTree's Build.auto_allocate_stock):
each untracked, non-consumable line that is not fully allocated takes available stock of its
component (and of its variants where the BOM allows) from the chosen location's tree, leaving out
the excluded one. Unless the stock is interchangeable, a line is filled only when one stock item
can be chosen.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.actions import ActionCall
from storeroom.builds.allocation import Row, add_allocation, parts_for
from storeroom.builds.consume import allocations, bom, lines, part
from storeroom.builds.schemas import BuildAllocationItem, BuildAutoAllocation
from storeroom.models.build_stock import allocated_from, at_external_location
from storeroom.models.stock import STOCK_ITEM, STOCK_LOCATION
from storeroom.models.stock_filters import in_stock

stock, locations = STOCK_ITEM.table, STOCK_LOCATION.table


async def auto_allocate(call: ActionCall[BuildAutoAllocation]) -> BuildAutoAllocation:
    """Allocate untracked lines from available stock."""
    connection, body = call.connection, call.body
    for line in await lines_to_fill(connection, call.target["id"], body.optional_items):
        await allocate_line(connection, line, body)
    return body


async def lines_to_fill(connection: AsyncConnection, build_id: int, optional: bool) -> list[Row]:
    allocated = (
        sa.select(sa.func.coalesce(sa.func.sum(allocations.c.quantity), 0.0))
        .where(allocations.c.build_line == lines.c.id)
        .scalar_subquery()
    )
    query = (
        sa.select(
            lines.c.id,
            lines.c.bom_item,
            (lines.c.quantity - allocated).label("needed"),
            bom.c.sub_part,
            bom.c.allow_variants,
        )
        .join(bom, bom.c.id == lines.c.bom_item)
        .join(part, part.c.id == bom.c.sub_part)
        .where(
            lines.c.build == build_id,
            part.c.trackable.is_(False),
            bom.c.consumable.is_(False),
            lines.c.quantity > allocated,
        )
        .order_by(lines.c.id)
    )
    if not optional:
        query = query.where(bom.c.optional.is_(False))
    return [dict(row._mapping) for row in await connection.execute(query)]


def tree_of(location_id: int) -> sa.Select[Any]:
    """The location and every location below it."""
    below = sa.select(locations.c.id).where(locations.c.id == location_id).cte(recursive=True)
    child = locations.alias()
    below = below.union_all(sa.select(child.c.id).where(child.c.parent == below.c.id))
    return sa.select(below.c.id)


async def candidates(
    connection: AsyncConnection, line: Row, body: BuildAutoAllocation
) -> list[tuple[int, float]]:
    """(stock item, its unallocated quantity) that the line may take, in pk order."""
    parts = await parts_for(connection, line, substitutes=body.substitutes)
    free = (stock.c.quantity - allocated_from(stock)).label("free")
    query = sa.select(stock.c.id, stock.c.part, free).where(
        stock.c.part.in_(parts), in_stock(stock), at_external_location(stock, external=False)
    )
    if body.location is not None:
        query = query.where(stock.c.location.in_(tree_of(body.location)))
    if body.exclude_location is not None:
        excluded = stock.c.location.in_(tree_of(body.exclude_location))
        query = query.where(sa.or_(stock.c.location.is_(None), sa.not_(excluded)))
    found = (await connection.execute(query.order_by(stock.c.id))).all()
    # The component's own stock first, then variants', then substitutes'.
    rows = sorted(found, key=lambda row: parts.index(row.part))
    return [(row.id, float(row.free)) for row in rows if row.free > 0]


async def allocate_line(connection: AsyncConnection, line: Row, body: BuildAutoAllocation) -> None:
    found = await candidates(connection, line, body)
    if not found or (len(found) > 1 and not body.interchangeable):
        return
    needed = float(line["needed"])
    for item_id, free in found:
        if needed <= 0:
            return
        taken = min(free, needed)
        item = BuildAllocationItem(build_line=line["id"], stock_item=item_id, quantity=Decimal(0))
        await add_allocation(connection, item, taken)
        needed -= taken
