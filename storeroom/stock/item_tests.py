"""`?tests=true` on the stock list and detail: each item's test results, as `/api/stock/test/`
shows them, under `tests` (InvenTree's StockItemSerializer with `tests`). One query for the
page's (or the streamed chunk's) items, never one per item."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Mapping
from typing import Any

import sqlalchemy as sa

from storeroom.api import crud
from storeroom.db.tenant_db import TenantDb
from storeroom.models.stock_details import is_asked
from storeroom.models.stock_history import STOCK_ITEM_TEST_RESULT as RESULTS

NAME = "tests"


def wants_tests(params: Mapping[str, Any]) -> bool:
    return is_asked(params, NAME)


async def with_tests(tenant: TenantDb, objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The objects, each with its test results in the order they were recorded."""
    if not objects:
        return objects
    columns = [RESULTS.column(spec.name) for spec in RESULTS.readable]
    query = (
        sa.select(*columns)
        .where(RESULTS.table.c.stock_item.in_([found["pk"] for found in objects]))
        .order_by(RESULTS.pk)
    )
    async with tenant.transaction() as connection:
        rows = (await connection.execute(query)).all()
    by_item: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for result in crud.to_objects(RESULTS, rows):
        by_item[result["stock_item"]].append(result)
    for found in objects:
        found[NAME] = by_item.get(found["pk"], [])
    return objects


async def chunks_with_tests(
    tenant: TenantDb, chunks: AsyncIterator[list[dict[str, Any]]]
) -> AsyncIterator[list[dict[str, Any]]]:
    async for chunk in chunks:
        yield await with_tests(tenant, chunk)
