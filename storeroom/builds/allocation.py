"""Allocating stock to a build's lines (InvenTree's BuildAllocationSerializer,
BuildUnallocationSerializer and Build.auto_allocate_stock). An allocation reserves stock; it moves
nothing until the build takes it (consume.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.action_bodies import read_struct
from storeroom.api.actions import ActionCall
from storeroom.builds.consume import allocations, bom, lines, part
from storeroom.builds.schemas import (
    BuildAllocation,
    BuildAllocationItem,
    BuildUnallocation,
)
from storeroom.errors import Invalid
from storeroom.models.bom import BOM_ITEM_SUBSTITUTE
from storeroom.models.build_stock import allocated_from
from storeroom.models.stock import STOCK_ITEM
from storeroom.models.stock_filters import in_stock

stock, substitute = STOCK_ITEM.table, BOM_ITEM_SUBSTITUTE.table
Row = Mapping[str, Any]


def missing(pk: Any) -> list[str]:
    return [f'Invalid pk "{pk}" - object does not exist.']


async def allocate(call: ActionCall[BuildAllocation]) -> dict[str, Any]:
    """Allocate stock items to lines; an item allocated again to the same line (and output)
    adds to its allocation. Consumable lines are skipped, as InvenTree does."""
    raw = call.body.items
    if not raw:
        raise Invalid(general=["Allocation items must be provided"])
    connection, build_id = call.connection, call.target["id"]
    checked: list[tuple[BuildAllocationItem, Row]] = []
    errors: list[dict[str, list[str]]] = []
    for entry in raw:
        try:
            item = read_struct(BuildAllocationItem, entry if isinstance(entry, dict) else {})
            line = await check_item(connection, build_id, item)
        except Invalid as problem:
            errors.append(problem.fields or {"non_field_errors": problem.general})
            continue
        errors.append({})
        checked.append((item, line))
    if any(errors):
        raise Invalid({"items": errors})  # type: ignore[dict-item]
    for item, line in checked:
        if not line["consumable"]:
            await add_allocation(connection, item)
    return {"items": raw}


async def check_item(connection: AsyncConnection, build_id: int, item: BuildAllocationItem) -> Row:
    """The allocation's line (with its component's flags), or Invalid naming each bad field."""
    line = await line_of(connection, item.build_line)
    if line is None:
        raise Invalid({"build_line": missing(item.build_line)})
    if line["build"] != build_id:
        raise Invalid(
            {"build_line": ["bom_item.part must point to the same part as the build order"]}
        )
    found = await connection.execute(sa.select(stock).where(stock.c.id == item.stock_item))
    stock_item = found.first()
    if stock_item is None:
        raise Invalid({"stock_item": missing(item.stock_item)})
    errors: dict[str, list[str]] = {}
    if not await is_in_stock(connection, item.stock_item):
        errors["stock_item"] = ["Item must be in stock"]
    elif not await matches_line(connection, line, stock_item.part):
        errors["stock_item"] = ["Selected stock item does not match BOM line"]
    if item.quantity <= 0:
        errors["quantity"] = ["Quantity must be greater than zero"]
    elif stock_item.serial and item.quantity != 1:
        errors["quantity"] = ["Quantity must be 1 for serialized stock"]
    else:
        free = await unallocated(connection, item.stock_item)
        if float(item.quantity) > free + 1e-9:
            errors["quantity"] = [f"Available quantity ({free:g}) exceeded"]
    output_problem = await check_output(connection, build_id, line, item.output)
    if output_problem:
        errors["output"] = [output_problem]
    if errors:
        raise Invalid(errors)
    return line


async def line_of(connection: AsyncConnection, line_id: int) -> Row | None:
    query = (
        sa.select(
            lines.c.id,
            lines.c.build,
            lines.c.quantity,
            lines.c.bom_item,
            bom.c.sub_part,
            bom.c.allow_variants,
            bom.c.consumable,
            bom.c.optional,
            part.c.trackable,
        )
        .join(bom, bom.c.id == lines.c.bom_item)
        .join(part, part.c.id == bom.c.sub_part)
        .where(lines.c.id == line_id)
    )
    row = (await connection.execute(query)).first()
    return None if row is None else dict(row._mapping)


async def matches_line(connection: AsyncConnection, line: Row, part_id: int) -> bool:
    """The item is of the line's component, of one of its BOM item's substitutes, or of a
    variant of the component where the BOM allows (InvenTree's BomItem.is_stock_item_valid)."""
    return part_id in await parts_for(connection, line, substitutes=True)


async def parts_for(connection: AsyncConnection, line: Row, *, substitutes: bool) -> list[int]:
    """The parts whose stock a line may take: its component, then (allowed) variants, then
    substitutes."""
    found = [line["sub_part"]]
    if line["allow_variants"]:
        variants = sa.select(part.c.id).where(part.c.variant_of == line["sub_part"])
        found += [row.id for row in await connection.execute(variants.order_by(part.c.id))]
    if substitutes:
        listed = sa.select(substitute.c.part).where(substitute.c.bom_item == line["bom_item"])
        found += [row.part for row in await connection.execute(listed.order_by(substitute.c.id))]
    return found


async def is_in_stock(connection: AsyncConnection, item_id: int) -> bool:
    query = sa.select(stock.c.id).where(stock.c.id == item_id, in_stock(stock))
    return (await connection.execute(query)).first() is not None


async def unallocated(connection: AsyncConnection, item_id: int) -> float:
    query = sa.select(stock.c.quantity - allocated_from(stock)).where(stock.c.id == item_id)
    return max(float((await connection.execute(query)).scalar_one()), 0.0)


async def check_output(
    connection: AsyncConnection, build_id: int, line: Row, output: int | None
) -> str:
    """InvenTree's rule: tracked components are allocated to an output, others never are."""
    if output is None:
        if line["trackable"]:
            return "Build output must be specified for allocation of tracked parts"
        return ""
    if not line["trackable"]:
        return "Build output cannot be specified for allocation of untracked parts"
    query = sa.select(stock.c.id).where(
        stock.c.id == output, stock.c.build == build_id, stock.c.is_building.is_(True)
    )
    if (await connection.execute(query)).first() is None:
        return "Build output must point to the same build"
    return ""


async def add_allocation(
    connection: AsyncConnection, item: BuildAllocationItem, quantity: float | None = None
) -> None:
    amount = float(item.quantity) if quantity is None else quantity
    same = (
        allocations.c.build_line == item.build_line,
        allocations.c.stock_item == item.stock_item,
        allocations.c.install_into.is_(None)
        if item.output is None
        else allocations.c.install_into == item.output,
    )
    found = (await connection.execute(sa.select(allocations.c.id).where(*same))).first()
    if found is None:
        values = {
            "build_line": item.build_line,
            "stock_item": item.stock_item,
            "install_into": item.output,
            "quantity": amount,
        }
        await connection.execute(sa.insert(allocations).values(**values))
        return
    await connection.execute(
        sa.update(allocations)
        .where(allocations.c.id == found.id)
        .values(quantity=allocations.c.quantity + amount)
    )


async def unallocate(call: ActionCall[BuildUnallocation]) -> BuildUnallocation:
    """Remove the build's allocations, of one line and/or one output when given."""
    connection, build_id, body = call.connection, call.target["id"], call.body
    of_build = sa.select(lines.c.id).where(lines.c.build == build_id)
    condition: list[sa.ColumnElement[bool]] = [allocations.c.build_line.in_(of_build)]
    if body.build_line is not None:
        line = await line_of(connection, body.build_line)
        if line is None:
            raise Invalid({"build_line": missing(body.build_line)})
        condition.append(allocations.c.build_line == body.build_line)
    if body.output is not None:
        query = sa.select(stock.c.build).where(stock.c.id == body.output, stock.c.is_building)
        owner = (await connection.execute(query)).first()
        if owner is None:
            raise Invalid({"output": missing(body.output)})
        if owner.build != build_id:
            raise Invalid({"output": ["Build output must point to the same build"]})
        condition.append(allocations.c.install_into == body.output)
    await connection.execute(sa.delete(allocations).where(*condition))
    return body
