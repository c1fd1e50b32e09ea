"""Pricing recalculation in the background (InvenTree's update_part_pricing and its daily
check_missing_pricing): a part's stored pricing_min/max, which part lists and its assemblies'
BOM costs read, worked out again over many parts.

A part's pricing reads its components' and its variants' stored pricing, so parts are
recalculated in that order, a level at a time: components before the assemblies that use them,
variants before their template; the parts of one level are priced together, a query per source
for each chunk. `pricing.recalculate` takes the parts whose inputs changed (none: every part of
the tenant) and recalculates them and everything above them; `pricing.refresh`, daily, does so
for each tenant's parts whose pricing is missing or older than PRICING_UPDATE_DAYS.
Recalculating is idempotent, so a job that runs twice leaves the same figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime, timedelta
from functools import partial
from graphlib import CycleError, TopologicalSorter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.background.queue import JobFunction, Runtime, Schedule
from storeroom.models.expressions import table
from storeroom.parts import pricing
from storeroom.settings import Settings

RECALCULATE = "pricing.recalculate"
REFRESH = "pricing.refresh"
PENDING = "pricing.pending"
# InvenTree's PRICING_UPDATE_DAYS default: pricing older than this is recalculated daily.
PRICING_UPDATE_DAYS = 30
# Parts per transaction: a long pass holds no transaction open for long, and a failure keeps
# the chunks already done.
CHUNK = 500

Transaction = Callable[[], AbstractAsyncContextManager[AsyncConnection]]
Graph = dict[int, set[int]]


async def pricing_inputs(connection: AsyncConnection) -> Graph:
    """For each part, the parts whose stored pricing its own reads (BOM components, variants)."""
    bom, part = table("bomitem"), table("part")
    reads: Graph = defaultdict(set)
    for assembly, component in await connection.execute(sa.select(bom.c.part, bom.c.sub_part)):
        reads[assembly].add(component)
    variants = sa.select(part.c.id, part.c.variant_of).where(part.c.variant_of.is_not(None))
    for variant, template in await connection.execute(variants):
        reads[template].add(variant)
    return reads


def with_dependents(reads: Graph, changed: Iterable[int]) -> set[int]:
    """The changed parts and every part whose pricing reads one of them, at any depth."""
    read_by: Graph = defaultdict(set)
    for reader, inputs in reads.items():
        for source in inputs:
            read_by[source].add(reader)
    found, waiting = set(changed), list(changed)
    while waiting:
        for reader in read_by[waiting.pop()] - found:
            found.add(reader)
            waiting.append(reader)
    return found


def in_pricing_order(reads: Graph, chosen: set[int]) -> list[list[int]]:
    """`chosen` in levels: no part reads the pricing of a part of its own level or above (a BOM
    loop, which InvenTree refuses, puts its parts in a last level of their own)."""
    sorter = TopologicalSorter({pk: reads.get(pk, set()) & chosen for pk in chosen})
    levels: list[list[int]] = []
    try:
        sorter.prepare()
    except CycleError:
        return [sorted(chosen)]
    while sorter.is_active():
        level = sorted(sorter.get_ready())
        levels.append(level)
        sorter.done(*level)
    return levels


async def recalculate_parts(
    transaction: Transaction, settings: Settings, changed: Iterable[int] | None = None
) -> int:
    """Recalculate the changed parts (None: every part) and all above them, a level at a time
    and a query per source for each chunk of a level; answers how many."""
    part = table("part")
    async with transaction() as connection:
        reads = await pricing_inputs(connection)
        existing = set((await connection.execute(sa.select(part.c.id))).scalars())
    chosen = existing if changed is None else with_dependents(reads, changed) & existing
    done = 0
    for level in in_pricing_order(reads, chosen):
        for first in range(0, len(level), CHUNK):
            async with transaction() as connection:
                rates = await pricing.rates_for(connection, settings)
                chunk = level[first : first + CHUNK]
                done += await pricing.recalculate_many(connection, chunk, rates)
    return done


async def stale_parts(connection: AsyncConnection, now: datetime) -> list[int]:
    part = table("part")
    cutoff = now - timedelta(days=PRICING_UPDATE_DAYS)
    query = sa.select(part.c.id).where(
        sa.or_(part.c.pricing_updated.is_(None), part.c.pricing_updated < cutoff)
    )
    return list((await connection.execute(query)).scalars())


async def scheduled_parts(connection: AsyncConnection) -> list[int]:
    """The parts whose pricing an input's change cleared (models/part_pricing.py), and the
    parts never priced."""
    part = table("part")
    query = sa.select(part.c.id).where(part.c.pricing_updated.is_(None))
    return list((await connection.execute(query)).scalars())


async def pending_job(runtime: Runtime, **_: Any) -> None:
    """Each ready tenant's parts due for recalculation, and the parts above them."""
    databases, settings = runtime.context.databases, runtime.context.settings
    for account in sorted(runtime.context.tenants.ready):
        async with databases.tenant_transaction(account) as connection:
            due = await scheduled_parts(connection)
        if due:
            await recalculate_parts(partial(databases.tenant_transaction, account), settings, due)


async def recalculate_job(runtime: Runtime, account: str, parts: list[int] | None = None) -> None:
    transaction = partial(runtime.context.databases.tenant_transaction, account)
    await recalculate_parts(transaction, runtime.context.settings, parts)


async def refresh_job(runtime: Runtime, **_: Any) -> None:
    """Each ready tenant's parts with missing or old pricing, and the parts above them."""
    databases, settings = runtime.context.databases, runtime.context.settings
    for account in sorted(runtime.context.tenants.ready):
        async with databases.tenant_transaction(account) as connection:
            stale = await stale_parts(connection, datetime.now(UTC))
        if stale:
            await recalculate_parts(partial(databases.tenant_transaction, account), settings, stale)


JOBS: dict[str, JobFunction] = {
    RECALCULATE: recalculate_job,
    REFRESH: refresh_job,
    PENDING: pending_job,
}
SCHEDULES = (
    # Daily, at a quiet hour (InvenTree's check_missing_pricing is a daily task).
    Schedule(REFRESH, "23 3 * * *"),
    # Every minute: the changes of a minute are recalculated together (InvenTree's
    # schedule_for_update waits PRICING_UPDATE_DELAY before its update).
    Schedule(PENDING, "* * * * *"),
)
