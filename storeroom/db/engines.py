"""Engines and connections: the only place that opens a database.

`Databases` owns the platform engine and the tenant engines: on SQLite one per tenant file, a
bounded set checked against the files on disk (`db/tenant_files.py`); on PostgreSQL one shared
engine with the tenant's schema translated per connection. The raw-driver read connections of the
hot read path are in `db/fastread.py`.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from storeroom.db import regex
from storeroom.db.metadata import TENANT_SCHEMA
from storeroom.db.tenant_files import TenantFiles, open_tenant_limit
from storeroom.errors import Invalid
from storeroom.settings import Settings

ACCOUNT_PATTERN = re.compile(r"^[a-z0-9_]{1,48}$")


def check_account(account: str) -> str:
    """An account name usable as a schema suffix and a file name; anything else is refused."""
    normalised = account.strip().lower()
    if not ACCOUNT_PATTERN.match(normalised):
        raise Invalid.field(
            "account", "Account names are 1-48 characters of a-z, 0-9 and underscore."
        )
    return normalised


def schema_name(account: str) -> str:
    return f"acct{account}"


def async_url(settings: Settings) -> str:
    """The SQLAlchemy URL of the platform database, with the async driver named."""
    url = settings.database_url
    if not url:
        return f"sqlite+aiosqlite:///{settings.sqlite_path}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        return "postgresql+asyncpg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url.removeprefix("sqlite:///")
    return url


def _tune_sqlite(busy_timeout_ms: int, dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the raw read connections read while a writer commits; the busy timeout turns
    # a locked database into a short wait instead of an error (past it: 503, db/outage.py).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    dbapi_connection.create_function(
        regex.NAME, regex.ARGUMENTS, regex.regexp_like, deterministic=True
    )


def _begin_sqlite(connection: sa.Connection) -> None:
    # The sqlite3 driver starts transactions itself only before INSERT/UPDATE/DELETE, so DDL would
    # run outside them and a failed migration would stay half-applied. SQLAlchemy begins instead;
    # IMMEDIATE takes the write lock at once, so two writers wait (busy_timeout) rather than
    # deadlock when both upgrade a read lock.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | sa.URL, sqlite_busy_timeout_ms: int) -> AsyncEngine:
    if sa.make_url(url).get_backend_name() == "sqlite":
        engine = create_async_engine(url, pool_size=5, max_overflow=10)
        tune = partial(_tune_sqlite, sqlite_busy_timeout_ms)
        sa.event.listen(engine.sync_engine, "connect", tune)
        sa.event.listen(engine.sync_engine, "begin", _begin_sqlite)
        return engine
    return create_async_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True)


class Databases:
    """Every engine of the process, created once at start-up and closed at shutdown."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.url = async_url(settings)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            self.sqlite_dir().mkdir(parents=True, exist_ok=True)
        self.platform = make_engine(self.url, settings.sqlite_busy_timeout_ms)
        self.tenant_files = TenantFiles(
            self.sqlite_dir() / "tenants",
            open_tenant_limit(settings.sqlite_open_tenants),
            settings.sqlite_busy_timeout_ms,
            partial(make_engine, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms),
        )

    def sqlite_dir(self) -> Path:
        return self.platform_file().parent

    def platform_file(self) -> Path:
        return Path(self.url.removeprefix("sqlite+aiosqlite:///"))

    def tenant_file(self, account: str) -> Path:
        return self.tenant_files.path(account)

    @asynccontextmanager
    async def tenant_engine(self, account: str, create: bool = False) -> AsyncIterator[AsyncEngine]:
        """The tenant's engine, kept open while the block runs. On SQLite a tenant whose file is
        gone is NotFound, unless `create` (making or migrating the tenant) makes the file."""
        if not self.is_sqlite:
            yield self.platform
            return
        entry = await self.tenant_files.acquire(account, create=create)
        try:
            yield entry.engine
        finally:
            await self.tenant_files.release(entry)

    def schema_for(self, account: str) -> str | None:
        """The real schema that stands for `tenant` in this tenant's statements."""
        return None if self.is_sqlite else schema_name(account)

    def translate_map(self, account: str) -> dict[str | None, str | None]:
        return {TENANT_SCHEMA: self.schema_for(account)}

    @asynccontextmanager
    async def tenant_transaction(self, account: str) -> AsyncIterator[AsyncConnection]:
        """One transaction bound to the tenant: commits on exit, rolls back on error."""
        async with self.tenant_engine(account) as engine, engine.connect() as connection:
            bound = await connection.execution_options(
                schema_translate_map=self.translate_map(account)
            )
            async with bound.begin():
                yield bound

    @asynccontextmanager
    async def platform_transaction(self) -> AsyncIterator[AsyncConnection]:
        async with self.platform.begin() as connection:
            yield connection

    async def forget_tenant(self, account: str) -> None:
        await self.tenant_files.forget(account)

    async def close(self) -> None:
        await self.tenant_files.close()
        await self.platform.dispose()
