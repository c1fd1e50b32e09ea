"""Build order transitions, as InvenTree's Build model makes them (build/models.py): issue, hold,
cancel and finish. Which states each one is allowed from is declared with its route
(builds/routes.py); allocations are in allocation.py, outputs in outputs.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.actions import ActionCall
from storeroom.builds import consume
from storeroom.builds.schemas import BuildCancel, BuildComplete
from storeroom.errors import Invalid
from storeroom.models.build import BUILD
from storeroom.models.build_line import BUILD_ITEM, BUILD_LINE
from storeroom.models.clock import today
from storeroom.models.status_classes import BUILD_STATUS_VALUES
from storeroom.models.stock import STOCK_ITEM

KEYS = {name: key for name, key, _label, _color in BUILD_STATUS_VALUES}
PENDING, PRODUCTION, ON_HOLD = KEYS["PENDING"], KEYS["PRODUCTION"], KEYS["ON_HOLD"]
CANCELLED, COMPLETE = KEYS["CANCELLED"], KEYS["COMPLETE"]
# BuildStatusGroups.ACTIVE_CODES.
ACTIVE = (PENDING, PRODUCTION, ON_HOLD)

builds, lines, allocations = BUILD.table, BUILD_LINE.table, BUILD_ITEM.table
stock = STOCK_ITEM.table


def user_of(call: ActionCall[Any]) -> int | None:
    return None if call.identity is None or call.identity.is_system else call.identity.user_id


async def set_status(
    connection: AsyncConnection, build: Mapping[str, Any], status: int, **values: Any
) -> None:
    await connection.execute(
        sa.update(builds)
        .where(builds.c.id == build["id"])
        .values(status=status, status_custom_key=None, **values)
    )


async def issue_build(call: ActionCall[None]) -> None:
    """Put the build into production, recording who issued it."""
    await set_status(call.connection, call.target, PRODUCTION, issued_by=user_of(call))


async def hold_build(call: ActionCall[None]) -> None:
    await set_status(call.connection, call.target, ON_HOLD)


async def cancel_build(call: ActionCall[BuildCancel]) -> BuildCancel:
    """CANCELLED, today: allocated stock is consumed (remove_allocated_stock) or let go, and
    outputs still in production are deleted when asked (InvenTree's cancel_build)."""
    connection, build = call.connection, call.target
    if call.body.remove_allocated_stock:
        await consume.consume_allocations(connection, build["id"], None, user_of(call))
    await connection.execute(sa.delete(allocations).where(of_build(build["id"])))
    if call.body.remove_incomplete_outputs:
        await connection.execute(
            sa.delete(stock).where(stock.c.build == build["id"], stock.c.is_building.is_(True))
        )
    await set_status(connection, build, CANCELLED, completion_date=today())
    return call.body


async def finish_build(call: ActionCall[BuildComplete]) -> BuildComplete:
    """COMPLETE, today: the untracked allocated stock is consumed into the build (InvenTree's
    complete_build), after the checks of its BuildCompleteSerializer."""
    connection, build, body = call.connection, call.target, call.body
    errors: dict[str, list[str]] = {}
    over = await overallocated(connection, build["id"])
    if over and body.accept_overallocated == "reject":
        errors["accept_overallocated"] = ["Some stock items have been overallocated"]
    if not body.accept_unallocated and not await untracked_allocated(connection, build["id"]):
        errors["accept_unallocated"] = ["Required stock has not been fully allocated"]
    if not body.accept_incomplete and await remaining(connection, build) > 0:
        errors["accept_incomplete"] = ["Required build quantity has not been completed"]
    if errors:
        raise Invalid(errors)
    if await incomplete_outputs(connection, build["id"]):
        raise Invalid(general=["Build order has incomplete outputs"])
    if await open_children(connection, build["id"]):
        raise Invalid(general=["Build order has open child build orders"])
    if over and body.accept_overallocated == "trim":
        await consume.trim_allocations(connection, build["id"])
    await consume.consume_allocations(connection, build["id"], None, user_of(call))
    await set_status(connection, build, COMPLETE, completion_date=today())
    return body


def of_build(build_id: int) -> sa.ColumnElement[bool]:
    """The allocations of a build (through their lines)."""
    return allocations.c.build_line.in_(sa.select(lines.c.id).where(lines.c.build == build_id))


def allocated_per_line(build_id: int) -> sa.Subquery:
    total = sa.func.coalesce(sa.func.sum(allocations.c.quantity), 0.0)
    return (
        sa.select(lines.c.id, lines.c.quantity, total.label("allocated"))
        .select_from(lines.outerjoin(allocations, allocations.c.build_line == lines.c.id))
        .where(lines.c.build == build_id)
        .group_by(lines.c.id, lines.c.quantity)
        .subquery()
    )


async def overallocated(connection: AsyncConnection, build_id: int) -> bool:
    per_line = allocated_per_line(build_id)
    query = sa.select(per_line.c.id).where(per_line.c.allocated > per_line.c.quantity)
    return (await connection.execute(query.limit(1))).first() is not None


async def untracked_allocated(connection: AsyncConnection, build_id: int) -> bool:
    """Every untracked, non-consumable line is fully allocated (InvenTree's
    are_untracked_parts_allocated)."""
    per_line = allocated_per_line(build_id)
    bom, part = consume.bom, consume.part
    short = (
        sa.select(per_line.c.id)
        .join(lines, lines.c.id == per_line.c.id)
        .join(bom, bom.c.id == lines.c.bom_item)
        .join(part, part.c.id == bom.c.sub_part)
        .where(
            per_line.c.allocated < per_line.c.quantity,
            part.c.trackable.is_(False),
            bom.c.consumable.is_(False),
        )
    )
    return (await connection.execute(short.limit(1))).first() is None


async def remaining(connection: AsyncConnection, build: Mapping[str, Any]) -> float:
    done = sa.func.coalesce(sa.func.sum(stock.c.quantity), 0.0)
    query = sa.select(done).where(stock.c.build == build["id"], stock.c.is_building.is_(False))
    completed = float((await connection.execute(query)).scalar_one())
    return max(float(build["quantity"]) - completed, 0.0)


async def incomplete_outputs(connection: AsyncConnection, build_id: int) -> bool:
    query = sa.select(stock.c.id).where(stock.c.build == build_id, stock.c.is_building.is_(True))
    return (await connection.execute(query.limit(1))).first() is not None


async def open_children(connection: AsyncConnection, build_id: int) -> bool:
    """A sub-build (a build whose parent this is) still active."""
    query = sa.select(builds.c.id).where(builds.c.parent == build_id, builds.c.status.in_(ACTIVE))
    return (await connection.execute(query.limit(1))).first() is not None
