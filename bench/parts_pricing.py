"""Benchmark: a pricing recalculation over many assemblies (issue 18), in seconds and peak RSS.

Builds a scratch SQLite tenant from the declared tables, seeds --assemblies assemblies with
--lines BOM lines each over a pool of components that have internal price breaks, then
recalculates every component and then every assembly (an assembly's BOM cost reads its
components' stored pricing) through storeroom.parts.pricing, one transaction per 500 parts.

Run: .venv/bin/python bench/parts_pricing.py [--assemblies 10000] [--lines 5] [--components 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

import storeroom.models.registry  # noqa: F401  (declares every table)
from storeroom.db.metadata import TENANT_SCHEMA, tenant_metadata
from storeroom.models.expressions import table
from storeroom.parts import pricing
from storeroom.settings import load_settings

CHUNK = 500


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assemblies", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=5)
    parser.add_argument("--components", type=int, default=2_000)
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
    await connection.execute(
        sa.insert(lines),
        [
            {
                "part": pk,
                "sub_part": components[(pk * 7 + line) % len(components)],
                "quantity": line + 1,
            }
            for pk in assemblies
            for line in range(arguments.lines)
        ],
    )
    return components, assemblies


async def run(arguments: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="parts-pricing-"))
    engine = create_async_engine(f"sqlite+aiosqlite:///{folder / 'tenant.sqlite3'}")
    engine = engine.execution_options(schema_translate_map={TENANT_SCHEMA: None})
    settings = load_settings(environ={}, data_dir=folder)
    async with engine.begin() as connection:
        await connection.run_sync(tenant_metadata.create_all)
        components, assemblies = await seed(connection, arguments)
    started = time.perf_counter()
    for group in (components, assemblies):
        for first in range(0, len(group), CHUNK):
            async with engine.begin() as connection:
                for pk in group[first : first + CHUNK]:
                    await pricing.recalculate(connection, settings, pk)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"pricing recalculation: {len(components)} components + {len(assemblies)} assemblies "
        f"({arguments.lines} BOM lines each) in {seconds:.1f} s "
        f"({len(assemblies) / seconds:.0f} assemblies/s overall), peak RSS {peak:.0f} MB"
    )
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(run(parse_arguments()))
