"""The next free serial numbers of a part, and batch codes from the deployment's template."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Invalid
from storeroom.generate.batch_template import render_batch_code
from storeroom.generate.counters import DailyCounters
from storeroom.generate.reservations import Reservations
from storeroom.generate.serials import next_serials
from storeroom.models.expressions import table


@dataclass
class Generators:
    """What the generate endpoints remember between requests, one per application."""

    reservations: Reservations = field(default_factory=Reservations)
    counters: DailyCounters = field(default_factory=DailyCounters)


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


async def generate_serials(
    tenant: TenantDb, reservations: Reservations, part_id: int, quantity: int
) -> list[str]:
    """`quantity` consecutive free serials after the highest in use or reserved for the part's
    family; they stay reserved so that no other request is given them."""
    item = table("stockitem")
    async with reservations.lock(tenant.account):
        async with tenant.transaction() as connection:
            family = await variant_family(connection, part_id)
            used = await connection.execute(
                sa.select(item.c.serial).where(
                    item.c.part.in_(family), item.c.serial.is_not(None), item.c.serial != ""
                )
            )
            taken = {serial for (serial,) in used}
        taken |= reservations.held(tenant.account, family)
        chosen = next_serials(taken, quantity)
        reservations.hold(tenant.account, part_id, chosen)
    return chosen


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


def batch_code(
    template: str,
    counters: DailyCounters,
    account: str,
    moment: datetime,
    objects: dict[str, Any],
    quantity: float | None,
) -> str:
    context: dict[str, Any] = {
        "date": moment.date(),
        "year": moment.year,
        "month": moment.month,
        "day": moment.day,
        "hour": moment.hour,
        "minute": moment.minute,
        "week": moment.isocalendar().week,
        "counter": counters.next(account, moment.date()),
        **dict.fromkeys(CONTEXT_TABLES),
        **objects,
        "quantity": quantity,
    }
    return render_batch_code(template, context)
