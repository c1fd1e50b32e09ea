"""Tenants: the platform's list of accounts, and creating, migrating and dropping their databases.

A tenant is created and migrated on first use; `ensure` is safe when two requests race (an
advisory lock on PostgreSQL, a process lock plus INSERT-or-ignore on SQLite). The set of ready
tenants is kept in the process so that requests never re-read the tenant list; a tenant another
process deleted leaves it when that is noticed (its SQLite file gone, or its identity-header user:
`forget`), and the next `ensure` makes it anew.
"""

from __future__ import annotations

import asyncio
import logging
import zlib
from datetime import UTC, datetime

import sqlalchemy as sa

from storeroom.db.engines import Databases, check_account, schema_name
from storeroom.db.metadata import UTCDateTime, platform_metadata
from storeroom.db.migrate import create_tenant_at_head, drop_tenant_storage, upgrade_tenant
from storeroom.db.spares import claim_spare, top_up_spares
from storeroom.errors import Conflict, NotFound

logger = logging.getLogger("storeroom.tenancy")

tenant_table = sa.Table(
    "tenant",
    platform_metadata,
    sa.Column("account", sa.String(48), primary_key=True),
    sa.Column("created", UTCDateTime(), nullable=False),
)


class Tenants:
    """The accounts of this deployment; `ready` is the in-process cache of migrated ones."""

    def __init__(self, databases: Databases, spares: int = 0) -> None:
        self.databases = databases
        self.ready: set[str] = set()
        # Spare schemas kept ready (PostgreSQL only, see db/spares.py); set when one was used.
        self.spares = 0 if databases.is_sqlite else spares
        self.spares_wanted = asyncio.Event()
        # Alembic's `op` and `context` are module-level proxies: two upgrades running at once in
        # one process (even of different tenants) would share them. Creation is one at a time.
        self._creating = asyncio.Lock()

    async def keep_spares(self) -> None:
        """Runs for the app's lifetime: tops the spare schemas up at start and after each use."""
        if not self.spares:
            return
        while True:
            try:
                await top_up_spares(self.databases, self.spares)
            except Exception:
                # Spares only make creation faster; without them tenants are built as before.
                logger.exception("Could not build spare tenant schemas")
            await self.spares_wanted.wait()
            self.spares_wanted.clear()

    async def load(self) -> list[str]:
        async with self.databases.platform.connect() as connection:
            rows = await connection.execute(sa.select(tenant_table.c.account))
            accounts = sorted(row.account for row in rows)
        self.ready = set(accounts)
        return accounts

    def _has_storage(self, account: str) -> bool:
        return not self.databases.is_sqlite or self.databases.tenant_file(account).exists()

    def _is_ready(self, account: str) -> bool:
        """Ready in this process, and (SQLite) its file still there: another process may have
        deleted the tenant since (db/tenant_files.py notices a file made again)."""
        if account in self.ready and self._has_storage(account):
            return True
        self.ready.discard(account)
        return False

    def forget(self, account: str) -> None:
        """The tenant may have been deleted by another process: read the platform again."""
        self.ready.discard(account)

    async def exists(self, account: str) -> bool:
        if self._is_ready(account):
            return True
        async with self.databases.platform.connect() as connection:
            found = await connection.scalar(
                sa.select(tenant_table.c.account).where(tenant_table.c.account == account)
            )
        if found and self._has_storage(account):
            self.ready.add(account)
        return found is not None

    async def ensure(self, account: str) -> str:
        """Create and migrate the tenant if it is new; return its normalised account name."""
        account = check_account(account)
        if self._is_ready(account):
            return account
        async with self._creating:
            if await self.exists(account) and account in self.ready:
                return account
            await self._create(account)
            self.ready.add(account)
        return account

    async def _create(self, account: str) -> None:
        async with self.databases.platform.begin() as connection:
            if not self.databases.is_sqlite:
                # Serialises creators of the same account across workers and processes.
                await connection.execute(
                    sa.select(sa.func.pg_advisory_xact_lock(zlib.crc32(account.encode())))
                )
            claimed = self.spares > 0 and await claim_spare(self.databases, account)
            if not claimed and not await create_tenant_at_head(self.databases, account):
                await upgrade_tenant(self.databases, account)
            self.spares_wanted.set()
            insert = sa.insert(tenant_table).values(account=account, created=datetime.now(UTC))
            if self.databases.is_sqlite:
                insert = insert.prefix_with("OR IGNORE")
                await connection.execute(insert)
            else:
                await connection.execute(
                    sa.text(
                        "INSERT INTO tenant (account, created) VALUES (:account, :created) "
                        "ON CONFLICT (account) DO NOTHING"
                    ),
                    {"account": account, "created": datetime.now(UTC)},
                )

    async def create(self, account: str) -> str:
        account = check_account(account)
        if await self.exists(account):
            raise Conflict(f"Tenant {account} already exists.")
        return await self.ensure(account)

    async def delete(self, account: str) -> None:
        account = check_account(account)
        if not await self.exists(account):
            raise NotFound(f"No tenant {account}.")
        async with self.databases.platform.begin() as connection:
            await connection.execute(
                sa.delete(tenant_table).where(tenant_table.c.account == account)
            )
        self.ready.discard(account)
        await drop_tenant_storage(self.databases, account)

    def schema(self, account: str) -> str:
        return schema_name(account)
