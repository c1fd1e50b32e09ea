"""The scheduled refresh: every ready tenant's rates, renewed every currency_refresh_hours.

A job of the queue (storeroom/background/), `currency.refresh`, runs hourly once per deployment
and refreshes the tenants that are due; the application checks the currency settings at start
(`check_settings`), so a bad one stops it with the key and the value. The feed is fetched once
per pass for all the tenants that are due; a provider failure is logged and every tenant keeps
its rates. currency_refresh_hours = 0 turns the schedule off. `scheduled_refresh` runs the same
pass as a loop of its own, for a program that embeds storeroom without a queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from storeroom.api.context import ApiContext
from storeroom.background.queue import JobFunction, Runtime, Schedule
from storeroom.currency.configuration import CurrencyConfig, read_config
from storeroom.currency.service import fetch_rates, read_rates, store_rates
from storeroom.errors import Unavailable
from storeroom.settings import Settings

logger = logging.getLogger("storeroom.currency")

# The first pass waits a minute: the server finishes starting first, and a short-lived process
# (a test, a one-off command) never reaches out to the rate provider.
FIRST_PASS_DELAY_SECONDS = 60.0
# How often to look for tenants whose rates are due: one small query per tenant.
CHECK_SECONDS = 3600.0
REFRESH = "currency.refresh"


def check_settings(settings: Settings) -> None:
    """Raises SettingsError naming a currency setting that cannot be used."""
    read_config(settings)


async def refresh_job(runtime: Runtime) -> None:
    config = read_config(runtime.context.settings)
    if config.refresh_hours > 0:
        interval = timedelta(hours=config.refresh_hours)
        await refresh_due_tenants(runtime.context, config, interval)


JOBS: dict[str, JobFunction] = {REFRESH: refresh_job}
# Hourly, at a minute few other schedules choose.
SCHEDULES = (Schedule(REFRESH, "17 * * * *"),)


@asynccontextmanager
async def scheduled_refresh(
    context: ApiContext, first_delay: float = FIRST_PASS_DELAY_SECONDS
) -> AsyncIterator[None]:
    """Run the refresh loop in the background while the block runs."""
    config = read_config(context.settings)
    if config.refresh_hours <= 0:
        yield
        return
    task = asyncio.create_task(refresh_loop(context, config, first_delay), name="currency-refresh")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def refresh_loop(context: ApiContext, config: CurrencyConfig, first_delay: float) -> None:
    interval = timedelta(hours=config.refresh_hours)
    await asyncio.sleep(first_delay)
    while True:
        # The job runner: a failed pass is logged with its reason, and the next one still runs.
        try:
            await refresh_due_tenants(context, config, interval)
        except Exception:
            logger.exception("The scheduled exchange rate refresh failed")
        await asyncio.sleep(min(CHECK_SECONDS, interval.total_seconds()))


async def refresh_due_tenants(
    context: ApiContext, config: CurrencyConfig, interval: timedelta
) -> list[str]:
    """One pass: new rates for each ready tenant with none, or none newer than `interval`;
    answers the accounts refreshed."""
    due = [
        account
        for account in sorted(context.tenants.ready)
        if await is_due(context, config, account, interval)
    ]
    if not due:
        return []
    try:
        rates = await fetch_rates(config)
    except Unavailable as error:
        logger.warning("Exchange rates not refreshed for %s: %s", ", ".join(due), error.message)
        return []
    refreshed = []
    for account in due:
        try:
            async with context.databases.tenant_transaction(account) as connection:
                await store_rates(connection, config, rates)
        except sa.exc.SQLAlchemyError:
            logger.exception("Could not store the exchange rates of tenant %s", account)
            continue
        refreshed.append(account)
    return refreshed


async def is_due(
    context: ApiContext, config: CurrencyConfig, account: str, interval: timedelta
) -> bool:
    async with context.databases.tenant_transaction(account) as connection:
        fetched = (await read_rates(connection, config)).fetched
    return fetched is None or datetime.now(UTC) - fetched >= interval
