"""Test statistics (`/api/test-statistics/by-build/{id}/`, `/by-part/{id}/`): how many test
results passed and failed, per test template, over the stock items a build made or of a part."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.db.tenant_db import TenantDb
from storeroom.errors import NotFound
from storeroom.models.build import BUILD
from storeroom.models.part import PART
from storeroom.models.part_tests import PART_TEST_TEMPLATE
from storeroom.models.stock import STOCK_ITEM
from storeroom.models.stock_history import STOCK_ITEM_TEST_RESULT

results, stock = STOCK_ITEM_TEST_RESULT.table, STOCK_ITEM.table
templates = PART_TEST_TEMPLATE.table


async def statistics(tenant: TenantDb, by: str, pk: int) -> dict[str, Any]:
    """{"results": [{template, test_name, pass_count, fail_count, total}, ...]} in template
    order, a test without a template last; 404 for an unknown build or part."""
    owner = BUILD.table if by == "build" else PART.table
    column = stock.c.build if by == "build" else stock.c.part
    passed = sa.func.sum(sa.case((results.c.result.is_(True), 1), else_=0))
    query = (
        sa.select(
            results.c.template,
            templates.c.test_name,
            passed.label("passed"),
            sa.func.count().label("total"),
        )
        .join(stock, stock.c.id == results.c.stock_item)
        .outerjoin(templates, templates.c.id == results.c.template)
        .where(column == pk)
        .group_by(results.c.template, templates.c.test_name)
        .order_by(results.c.template.is_(None), results.c.template)
    )
    async with tenant.transaction() as connection:
        found = await connection.execute(sa.select(owner.c.id).where(owner.c.id == pk))
        if found.first() is None:
            raise NotFound()
        rows = (await connection.execute(query)).all()
    return {
        "results": [
            {
                "template": row.template,
                "test_name": row.test_name or "",
                "pass_count": int(row.passed),
                "fail_count": int(row.total) - int(row.passed),
                "total": int(row.total),
            }
            for row in rows
        ]
    }
