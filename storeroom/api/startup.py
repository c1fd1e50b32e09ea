"""Bringing the platform up: engines, migrations, the default tenant, the first admin, and the
ApiContext that handlers read; and closing it all down again."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import sqlalchemy as sa

from storeroom.api.context import ApiContext
from storeroom.api.counts import CountCache
from storeroom.auth.accounts import create_user
from storeroom.auth.mechanisms import Authenticator
from storeroom.auth.permissions import RuleReader
from storeroom.auth.tables import user_table
from storeroom.db.engines import Databases
from storeroom.db.fastread import FastReader
from storeroom.db.migrate import upgrade_platform
from storeroom.db.tenancy import Tenants
from storeroom.settings import Settings

logger = logging.getLogger("storeroom")
# The advisory lock key of preparing a deployment (a constant no other lock of ours uses):
PREPARE_LOCK = 0x53544F5245524F4F  # "STOREROO", beyond the 32-bit keys of tenancy.py


async def ensure_first_admin(databases: Databases, settings: Settings, account: str) -> None:
    """On a deployment with no users, create the superuser from settings (or a random password),
    and print the login once."""
    async with databases.platform.begin() as connection:
        if await connection.scalar(sa.select(sa.func.count()).select_from(user_table)):
            return
        username = settings.admin_user or "admin"
        password = settings.admin_password or secrets.token_urlsafe(12)
        await create_user(
            connection,
            account,
            username,
            password,
            email=settings.admin_email,
            is_staff=True,
            is_superuser=True,
        )
    shown = password if not settings.admin_password else "(from STOREROOM_ADMIN_PASSWORD)"
    print(f"storeroom: created superuser {username!r} with password {shown}", flush=True)


async def prepare(settings: Settings) -> None:
    """Migrate the platform, create the default tenant and the first admin (idempotent)."""
    databases = Databases(settings)
    try:
        async with one_at_a_time(databases):
            await upgrade_platform(databases)
            tenants = Tenants(databases)
            await tenants.load()
            account = await tenants.ensure(settings.default_tenant)
            await ensure_first_admin(databases, settings, account)
    finally:
        await databases.close()


@asynccontextmanager
async def one_at_a_time(databases: Databases) -> AsyncIterator[None]:
    """One process of a deployment prepares it at a time: `serve` and `worker` started together
    on a new PostgreSQL database would otherwise both migrate it and both create the first admin
    (the loser stopped on a unique violation). SQLite's write lock already serializes them."""
    if databases.is_sqlite:
        yield
        return
    async with databases.platform.connect() as connection:
        await connection.execute(sa.select(sa.func.pg_advisory_lock(PREPARE_LOCK)))
        try:
            yield
        finally:
            await connection.execute(sa.select(sa.func.pg_advisory_unlock(PREPARE_LOCK)))
            await connection.commit()


@asynccontextmanager
async def start_platform(settings: Settings) -> AsyncIterator[ApiContext]:
    await prepare(settings)
    databases = Databases(settings)
    reader = FastReader(databases)
    spares: asyncio.Task[None] | None = None
    authenticator: Authenticator | None = None
    try:
        await reader.start()
        tenants = Tenants(databases, spares=settings.spare_tenant_schemas)
        await tenants.load()
        spares = asyncio.create_task(tenants.keep_spares())
        authenticator = Authenticator(settings, databases, reader, tenants)
        yield ApiContext(
            settings=settings,
            databases=databases,
            reader=reader,
            tenants=tenants,
            counts=CountCache(settings.count_cache_seconds),
            authenticator=authenticator,
            rules=RuleReader(reader),
        )
    finally:
        if authenticator is not None:
            await authenticator.close()
        if spares is not None:
            spares.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await spares
        await reader.close()
        await databases.close()
