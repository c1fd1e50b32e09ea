"""Benchmark: a pricing recalculation over many assemblies (issue 18), in seconds and peak RSS.

Builds a scratch SQLite tenant from the declared tables, seeds --assemblies assemblies with
--lines BOM lines each over a pool of components that have internal price breaks, then runs
the background job's pass over the whole tenant (storeroom.parts.pricing_jobs.recalculate_parts:
the pricing order of every part, components before the assemblies that read their stored
pricing, then one transaction per 500 parts). --levels N > 1 nests the assemblies: each level's
assemblies use the level below's, so the order matters.

Run: .venv/bin/python bench/parts_pricing.py [--assemblies 10000] [--lines 5]
     [--components 2000] [--levels 1]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import resource
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

import storeroom.models.registry  # noqa: F401  (declares every table)
from storeroom.db.metadata import TENANT_SCHEMA, tenant_metadata
from storeroom.models.expressions import table
from storeroom.parts import pricing_jobs
from storeroom.settings import load_settings


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assemblies", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=5)
    parser.add_argument("--components", type=int, default=2_000)
    parser.add_argument("--levels", type=int, default=1)
    return parser.parse_args()


async def seed(
    connection: AsyncConnection, arguments: argparse.Namespace
) -> tuple[list[int], list[int]]:
    parts, lines, prices = table("part"), table("bomitem"), table("partinternalpricebreak")
    total = arguments.components + arguments.assemblies
    await connection.execute(
        sa.insert(parts),
        [
            {"id": pk, "name": f"Part {pk}", "IPN": "", "assembly": pk > arguments.components}
            for pk in range(1, total + 1)
        ],
    )
    components = list(range(1, arguments.components + 1))
    assemblies = list(range(arguments.components + 1, total + 1))
    await connection.execute(
        sa.insert(prices),
        [
            {"part": pk, "quantity": 1, "price": pk % 97 + 1, "price_currency": "USD"}
            for pk in components
        ],
    )
    per_level = -(-len(assemblies) // arguments.levels)
    levels = [components] + [
        assemblies[first : first + per_level] for first in range(0, len(assemblies), per_level)
    ]
    rows = []
    for below, level in itertools.pairwise(levels):
        rows += [
            {"part": pk, "sub_part": below[(pk * 7 + line) % len(below)], "quantity": line + 1}
            for pk in level
            for line in range(arguments.lines)
        ]
    await connection.execute(sa.insert(lines), rows)
    return components, assemblies


async def run(arguments: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="parts-pricing-"))
    engine = create_async_engine(f"sqlite+aiosqlite:///{folder / 'tenant.sqlite3'}")
    engine = engine.execution_options(schema_translate_map={TENANT_SCHEMA: None})
    settings = load_settings(environ={}, data_dir=folder)
    async with engine.begin() as connection:
        await connection.run_sync(tenant_metadata.create_all)
        components, assemblies = await seed(connection, arguments)
    seeded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    done = await pricing_jobs.recalculate_parts(engine.begin, settings)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    async with engine.connect() as connection:
        priced = await connection.scalar(
            sa.select(sa.func.count()).where(table("part").c.pricing_min.is_not(None))
        )
    print(
        f"pricing recalculation: {len(components)} components + {len(assemblies)} assemblies "
        f"({arguments.lines} BOM lines each, {arguments.levels} level(s)): {done} parts in "
        f"{seconds:.1f} s ({done / seconds:.0f} parts/s), {priced} priced; "
        f"peak RSS {peak:.0f} MB ({seeded:.0f} MB after seeding)"
    )
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(run(parse_arguments()))
