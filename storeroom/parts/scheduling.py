"""A part's scheduled stock movements (`/api/part/{id}/scheduling/`, InvenTree's
PartScheduling): what open purchase orders bring in, what open sales orders take out, what
active builds make of it and what they need of it, each with its date (the line's target date,
else its order's), oldest first and undated last."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.errors import NotFound
from storeroom.models import part_stock
from storeroom.models.expressions import one_of, table


def entry(when: date | None, quantity: float, title: str, label: str, model: str, pk: int) -> Any:
    return {
        "date": when,
        "quantity": quantity,
        "speculative_quantity": 0.0,
        "title": title,
        "label": label,
        "model": model,
        "model_id": pk,
    }


async def purchases(connection: AsyncConnection, part: int) -> list[Any]:
    line, order, bought = (
        table("purchaseorderlineitem"),
        table("purchaseorder"),
        table("supplierpart"),
    )
    rows = await connection.execute(
        sa.select(
            line.c.quantity,
            line.c.received,
            line.c.target_date,
            order.c.target_date.label("due"),
            order.c.reference,
            order.c.id,
        )
        .join(order, order.c.id == line.c.order)
        .where(
            line.c.part.in_(sa.select(bought.c.id).where(bought.c.part == part)),
            one_of(order.c.status, part_stock.OPEN_PURCHASE),
            line.c.quantity > line.c.received,
        )
    )
    return [
        entry(
            row.target_date or row.due,
            row.quantity - row.received,
            "Incoming Purchase Order",
            row.reference,
            "purchaseorder",
            row.id,
        )
        for row in rows
    ]


async def sales(connection: AsyncConnection, part: int) -> list[Any]:
    line, order = table("salesorderlineitem"), table("salesorder")
    rows = await connection.execute(
        sa.select(
            line.c.quantity,
            line.c.shipped,
            line.c.target_date,
            order.c.target_date.label("due"),
            order.c.reference,
            order.c.id,
        )
        .join(order, order.c.id == line.c.order)
        .where(
            line.c.part == part,
            one_of(order.c.status, part_stock.OPEN_SALES),
            line.c.quantity > line.c.shipped,
        )
    )
    return [
        entry(
            row.target_date or row.due,
            -(row.quantity - row.shipped),
            "Outgoing Sales Order",
            row.reference,
            "salesorder",
            row.id,
        )
        for row in rows
    ]


async def builds(connection: AsyncConnection, part: int) -> list[Any]:
    build = table("build")
    rows = await connection.execute(
        sa.select(build.c.quantity, build.c.target_date, build.c.reference, build.c.id).where(
            build.c.part == part, one_of(build.c.status, part_stock.ACTIVE_BUILD)
        )
    )
    found = [
        entry(row.target_date, row.quantity, "Stock Production", row.reference, "build", row.id)
        for row in rows
    ]
    if not part_stock.declared("build_line"):
        return found
    line, bom = table("build_line"), table("bomitem")
    needs = await connection.execute(
        sa.select(line.c.quantity, build.c.target_date, build.c.reference, build.c.id)
        .join(build, build.c.id == line.c.build)
        .join(bom, bom.c.id == line.c.bom_item)
        .where(bom.c.sub_part == part, one_of(build.c.status, part_stock.ACTIVE_BUILD))
    )
    return found + [
        entry(
            row.target_date,
            -row.quantity,
            "Stock required for Build Order",
            row.reference,
            "build",
            row.id,
        )
        for row in needs
    ]


async def scheduling(connection: AsyncConnection, part: int) -> list[Any]:
    parts = table("part")
    if (await connection.execute(sa.select(parts.c.id).where(parts.c.id == part))).first() is None:
        raise NotFound()
    found = (
        await purchases(connection, part)
        + await sales(connection, part)
        + await builds(connection, part)
    )
    return sorted(found, key=lambda item: (item["date"] is None, item["date"] or date.min))
