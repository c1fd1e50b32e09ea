"""The next free serial numbers of a part, and batch codes from the deployment's template."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Conflict, Invalid
from storeroom.generate.batch_template import render_batch_code
from storeroom.generate.counters import next_count
from storeroom.generate.reservations import lock_family, reserve, reserved
from storeroom.generate.serials import next_serials
from storeroom.models.expressions import table

# Collisions only happen if the family lock was bypassed; a few retries are plenty.
ATTEMPTS = 5


def missing(name: str, pk: int) -> Invalid:
    return Invalid.field(name, f'Invalid pk "{pk}" - object does not exist.')


async def variant_family(connection: AsyncConnection, part_id: int) -> list[int]:
    """The part and every part of its variant tree: serial numbers are shared across it."""
    part = table("part")
    parents: dict[int, int | None] = {}
    current: int | None = part_id
    root = part_id
    while current is not None and current not in parents:
        row = (
            await connection.execute(sa.select(part.c.variant_of).where(part.c.id == current))
        ).first()
        if row is None:
            raise missing("part", part_id)
        parents[current] = row[0]
        root, current = current, row[0]
    family = [root]
    frontier = [root]
    while frontier:
        children = await connection.execute(
            sa.select(part.c.id).where(part.c.variant_of.in_(frontier))
        )
        frontier = [child for (child,) in children if child not in family]
        family.extend(frontier)
    return family


async def choose_serials(
    connection: AsyncConnection, part_id: int, quantity: int, now: datetime
) -> list[str]:
    family = await variant_family(connection, part_id)
    root = family[0]
    await lock_family(connection, root)
    item = table("stockitem")
    used = await connection.execute(
        sa.select(item.c.serial).where(
            item.c.part.in_(family), item.c.serial.is_not(None), item.c.serial != ""
        )
    )
    taken = {serial for (serial,) in used} | await reserved(connection, root, now)
    chosen = next_serials(taken, quantity)
    await reserve(connection, root, chosen, now)
    return chosen


async def generate_serials(
    tenant: TenantDb, part_id: int, quantity: int, now: datetime
) -> list[str]:
    """`quantity` consecutive free serials after the highest in use or reserved for the part's
    family; they stay reserved so that no other request, in any process, is given them."""
    for _attempt in range(ATTEMPTS):
        try:
            async with tenant.transaction() as connection:
                return await choose_serials(connection, part_id, quantity, now)
        except IntegrityError:
            continue
    raise Conflict("Serial numbers are being generated for this part elsewhere; try again.")


# The optional context objects a batch code template may use, and the table each comes from.
CONTEXT_TABLES = {
    "part": "part",
    "location": "stocklocation",
    "item": "stockitem",
    "build_order": "build",
    "purchase_order": "purchaseorder",
}


async def load_context(tenant: TenantDb, ids: dict[str, int | None]) -> dict[str, Any]:
    """Each given object as its row (a dict of column values); an unknown id → Invalid."""
    found: dict[str, Any] = {}
    given = {name: pk for name, pk in ids.items() if pk is not None}
    if not given:
        return found
    async with tenant.transaction() as connection:
        for name, pk in given.items():
            owner = table(CONTEXT_TABLES[name])
            row = (await connection.execute(sa.select(owner).where(owner.c.id == pk))).first()
            if row is None:
                raise missing(name, pk)
            found[name] = dict(row._mapping)
    return found


async def batch_counter(tenant: TenantDb, moment: datetime) -> int:
    async with tenant.transaction() as connection:
        return await next_count(connection, moment.date())


def batch_code(
    template: str, counter: int, moment: datetime, objects: dict[str, Any], quantity: float | None
) -> str:
    context: dict[str, Any] = {
        "date": moment.date(),
        "year": moment.year,
        "month": moment.month,
        "day": moment.day,
        "hour": moment.hour,
        "minute": moment.minute,
        "week": moment.isocalendar().week,
        "counter": counter,
        **dict.fromkeys(CONTEXT_TABLES),
        **objects,
        "quantity": quantity,
    }
    return render_batch_code(template, context)
