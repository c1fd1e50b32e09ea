"""The stocktake report job (InvenTree's generate_stocktake_report, offloaded by its generate
endpoint): count the parts in scope, write the CSV through the file store, keep a report that
links to it and a stocktake record per part.

The file is written before the transaction that records it, so a report never links to a missing
file; a failure after the write leaves an orphan file and no rows, and the retry starts over.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from storeroom.attachments.storage.chosen import open_store
from storeroom.attachments.storage.store import FileStore
from storeroom.background.queue import JobFunction, Runtime
from storeroom.models.clock import today
from storeroom.models.expressions import table
from storeroom.models.part_stocktake import PART_STOCKTAKE, PART_STOCKTAKE_REPORT, REPORT_URL
from storeroom.parts import pricing, stocktake

GENERATE = "stocktake.generate"
FOLDER = "stocktake_reports"


def key_of(url: str) -> str:
    return f"{FOLDER}/" + url.removeprefix(REPORT_URL)


async def write_report(store: FileStore, account: str, content: bytes) -> str:
    """Store a report's CSV under a new folder; the URL that serves it."""
    url = f"{REPORT_URL}{uuid.uuid4().hex}/InvenTree_Stocktake_{today().isoformat()}.csv"
    sink = await store.writer(account, key_of(url))
    try:
        await sink.write(content)
        await sink.finish()
    except BaseException:
        await sink.abort()
        raise
    return url


async def generate_job(
    runtime: Runtime,
    account: str,
    user: int | None = None,
    user_detail: dict[str, Any] | None = None,
    scope: dict[str, Any] | None = None,
    generate_report: bool = True,
    update_parts: bool = True,
) -> None:
    context = runtime.context
    chosen = stocktake.Scope(**(scope or {}))
    async with context.databases.tenant_transaction(account) as connection:
        rates = await pricing.rates_for(connection, context.settings)
        counted = await stocktake.count_stock(connection, chosen, rates)
    if not counted:
        return
    url = ""
    if generate_report:
        store = open_store(context.settings)
        try:
            content = stocktake.report_csv(counted, rates.base_currency)
            url = await write_report(store, account, content)
        finally:
            await store.close()
    async with context.databases.tenant_transaction(account) as connection:
        if generate_report:
            report = {"report": url, "part_count": len(counted), "date": today()}
            await connection.execute(
                sa.insert(PART_STOCKTAKE_REPORT.table).values(
                    **report, user=user, user_detail=user_detail
                )
            )
        if update_parts:
            rows = stocktake.stocktake_rows(counted, rates.base_currency, user, user_detail)
            await connection.execute(sa.insert(PART_STOCKTAKE.table), rows)
            # As a single stocktake's create does (InvenTree's bulk create skips that hook).
            parts = table("part")
            counted_pks = [entry.pk for entry in counted]
            await connection.execute(
                sa.update(parts).where(parts.c.id.in_(counted_pks)).values(last_stocktake=today())
            )
    for resource in (PART_STOCKTAKE_REPORT, PART_STOCKTAKE):
        context.counts.invalidate(account, resource.table.name)


JOBS: dict[str, JobFunction] = {GENERATE: generate_job}
