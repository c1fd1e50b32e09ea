"""What a part's stock must cover (`/api/part/{id}/requirements/`), its serial numbers
(`/serial-numbers/`) and moving parts between categories (`/api/part/change_category/`)."""

from __future__ import annotations

import math
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.actions import ActionCall
from storeroom.errors import Invalid, NotFound
from storeroom.models import bom_stock, part_stock
from storeroom.models.bom import BOM_ITEM
from storeroom.models.part import PART, PART_CATEGORY
from storeroom.models.stock import STOCK_ITEM
from storeroom.parts.schemas import PartSetCategory

parts, lines, items = PART.table, BOM_ITEM.table, STOCK_ITEM.table
FIGURES = {
    "total_stock": part_stock.total_in_stock,
    "unallocated_stock": part_stock.unallocated_stock,
    "ordering": part_stock.ordering,
    "building": part_stock.building,
    "required_for_build_orders": part_stock.required_for_build_orders,
    "allocated_to_build_orders": part_stock.allocated_to_build_orders,
    "required_for_sales_orders": part_stock.required_for_sales_orders,
    "allocated_to_sales_orders": part_stock.allocated_to_sales_orders,
}


async def can_build(connection: AsyncConnection, part: int) -> int:
    """How many of the assembly its BOM's available stock makes: the fewest any line allows."""
    fewest = sa.select(sa.func.min(bom_stock.can_build(lines))).where(lines.c.part == part)
    found = (await connection.execute(fewest)).scalar()
    return 0 if found is None else max(0, math.floor(found))


async def requirements(connection: AsyncConnection, part: int) -> dict[str, Any]:
    columns = [expression(parts).label(name) for name, expression in FIGURES.items()]
    row = (await connection.execute(sa.select(*columns).where(parts.c.id == part))).first()
    if row is None:
        raise NotFound()
    answer: dict[str, Any] = {name: float(row._mapping[name] or 0) for name in FIGURES}
    answer["can_build"] = await can_build(connection, part)
    # InvenTree's quantity_being_built: what active builds still have to make.
    answer["scheduled_to_build"] = answer["building"]
    return answer


def next_serial(latest: str | None) -> str | None:
    if latest is None or not latest.isdigit():
        return None
    return str(int(latest) + 1)


async def serial_numbers(connection: AsyncConnection, part: int) -> dict[str, Any]:
    """The part's latest serial number (the highest numeric one, else the last given) and the
    next one."""
    found = await connection.execute(sa.select(parts.c.id).where(parts.c.id == part))
    if found.first() is None:
        raise NotFound()
    rows = await connection.execute(
        sa.select(items.c.serial)
        .where(items.c.part == part, items.c.serial.is_not(None), items.c.serial != "")
        .order_by(items.c.id)
    )
    serials = [row.serial for row in rows]
    numeric = [serial for serial in serials if serial.isdigit()]
    latest = max(numeric, key=int) if numeric else (serials[-1] if serials else None)
    answer: dict[str, Any] = {"latest": latest}
    following = next_serial(latest)
    if following is not None:
        answer["next"] = following
    return answer


async def change_category(call: ActionCall[PartSetCategory]) -> PartSetCategory:
    """Move the parts to the category (InvenTree refuses a structural one)."""
    connection, body = await call.transaction(), call.body
    if not body.parts:
        raise Invalid.field("parts", "No parts selected")
    categories = PART_CATEGORY.table
    row = (
        await connection.execute(
            sa.select(categories.c.structural).where(categories.c.id == body.category)
        )
    ).first()
    if row is None:
        raise Invalid.field("category", f'Invalid pk "{body.category}" - object does not exist.')
    if row.structural:
        raise Invalid.field("category", "Parts cannot be assigned to structural part categories!")
    known = (
        await connection.execute(sa.select(parts.c.id).where(parts.c.id.in_(body.parts)))
    ).all()
    missing = sorted(set(body.parts) - {found.id for found in known})
    if missing:
        raise Invalid.field("parts", f'Invalid pk "{missing[0]}" - object does not exist.')
    await connection.execute(
        sa.update(parts).where(parts.c.id.in_(body.parts)).values(category=body.category)
    )
    return body
