"""Allocated stock taken by a build, through the stock ledger (InvenTree's
BuildItem.complete_allocation): the allocated quantity is split off its stock item, then
installed into the output it was allocated to (tracked parts) or consumed by the build, each
with its tracking entries.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.models.bom import BOM_ITEM
from storeroom.models.build_line import BUILD_ITEM, BUILD_LINE
from storeroom.models.part import PART
from storeroom.stock import codes, ledger

lines, allocations = BUILD_LINE.table, BUILD_ITEM.table
bom, part = BOM_ITEM.table, PART.table


def allocations_of(build_id: int, output_id: int | None) -> sa.Select[Any]:
    """The build's allocations for an output (None: the untracked ones), in pk order."""
    target = (
        allocations.c.install_into.is_(None)
        if output_id is None
        else allocations.c.install_into == output_id
    )
    of_build = sa.select(lines.c.id).where(lines.c.build == build_id)
    return (
        sa.select(allocations)
        .where(allocations.c.build_line.in_(of_build), target)
        .order_by(allocations.c.id)
    )


async def consume_allocations(
    connection: AsyncConnection, build_id: int, output_id: int | None, user_id: int | None
) -> None:
    """Take every allocation of the build for `output_id` (None: the untracked ones)."""
    rows = (await connection.execute(allocations_of(build_id, output_id))).all()
    for row in rows:
        taken = await take_allocation(connection, dict(row._mapping), build_id, user_id)
        await connection.execute(
            sa.update(allocations).where(allocations.c.id == row.id).values(stock_item=taken)
        )


async def take_allocation(
    connection: AsyncConnection, allocation: dict[str, Any], build_id: int, user_id: int | None
) -> int:
    """Split the allocated quantity off its item and install or consume it; the taken item."""
    quantity = allocation["quantity"]
    taken = await ledger.split_item(connection, allocation["stock_item"], quantity, user_id=user_id)
    output = allocation["install_into"]
    if output is not None:
        await ledger.write_item(connection, taken, belongs_to=output, build=build_id)
        await ledger.add_tracking(
            connection,
            [taken],
            codes.INSTALLED_INTO_ASSEMBLY,
            user_id=user_id,
            deltas={"stockitem": output},
        )
        await ledger.add_tracking(
            connection,
            [output],
            codes.INSTALLED_CHILD_ITEM,
            user_id=user_id,
            deltas={"stockitem": taken},
        )
        return taken
    await ledger.write_item(connection, taken, consumed_by=build_id, location=None)
    await ledger.add_tracking(
        connection,
        [taken],
        codes.BUILD_CONSUMED,
        user_id=user_id,
        deltas={"buildorder": build_id, "quantity": float(ledger.exact(quantity))},
    )
    return taken


async def trim_allocations(connection: AsyncConnection, build_id: int) -> None:
    """Reduce each over-allocated line's allocations to what the line needs, the latest
    allocations first (InvenTree's trim_allocated_stock)."""
    query = sa.select(lines.c.id, lines.c.quantity).where(lines.c.build == build_id)
    for line in (await connection.execute(query)).all():
        found = await connection.execute(
            sa.select(allocations.c.id, allocations.c.quantity)
            .where(allocations.c.build_line == line.id)
            .order_by(allocations.c.id.desc())
        )
        rows = found.all()
        excess = sum(row.quantity for row in rows) - line.quantity
        for row in rows:
            if excess <= 0:
                break
            if row.quantity <= excess:
                await connection.execute(sa.delete(allocations).where(allocations.c.id == row.id))
            else:
                kept = row.quantity - excess
                await connection.execute(
                    sa.update(allocations).where(allocations.c.id == row.id).values(quantity=kept)
                )
            excess -= row.quantity
