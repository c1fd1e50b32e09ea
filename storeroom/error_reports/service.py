"""Recording an unhandled error; called after the 500 has been sent."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from litestar import Request

from storeroom.api.context import api_context
from storeroom.api.envelopes import origin, request_path
from storeroom.auth.middleware import identity_of
from storeroom.error_reports.tables import error_report_table

logger = logging.getLogger("storeroom.error_reports")


async def record_error(request: Request[Any, Any, Any], exc: BaseException, trace: str) -> None:
    """Store the error in the caller's tenant (the default tenant for anonymous requests)."""
    context = api_context(request)
    identity = identity_of(request.scope)
    account = identity.account if identity else context.settings.default_tenant
    try:
        async with context.databases.tenant_transaction(account) as connection:
            await connection.execute(
                sa.insert(error_report_table).values(
                    when=datetime.now(UTC),
                    info=f"{type(exc).__name__}: {exc}"[:10_000],
                    data=trace,
                    # The whole URL, as InvenTree records it (its schema: a URI).
                    path=f"{origin(request)}{request_path(request)}"[:200],
                )
            )
        context.counts.invalidate(account, error_report_table.name)
    # The report is best effort: the database itself may be what failed. Log it instead.
    except Exception:
        logger.exception("Could not record an error report for %s", request.url.path)
