"""Error reports made straight in a tenant's database (no API operation creates them)."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from litestar import Litestar

from storeroom.error_reports.tables import error_report_table


async def make_reports(
    app: Litestar, count: int, account: str = "default", marker: str = ""
) -> list[int]:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        {
            "when": start + timedelta(minutes=index),
            "info": f"ValueError: {marker}problem {index}",
            "data": f"Traceback {marker}{index}",
            "path": f"http://testserver.local/api/thing/{index}/",
        }
        for index in range(count)
    ]
    context = app.state.api
    async with context.databases.tenant_transaction(account) as connection:
        await connection.execute(sa.insert(error_report_table), rows)
        found = await connection.execute(
            sa.select(error_report_table.c.id).order_by(error_report_table.c.id)
        )
        ids = [row.id for row in found]
    context.counts.invalidate(account, error_report_table.name)
    return ids
