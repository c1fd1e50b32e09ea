"""`TenantDb`: a request's handle on its tenant's data; nothing else reaches a tenant's tables.

It is made from the authenticated identity's account, so a query without a tenant cannot be
written, and another tenant's row is simply not there.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.db.engines import Databases
from storeroom.db.fastread import CompiledRead, FastReader


@dataclass(frozen=True, slots=True)
class TenantDb:
    account: str
    databases: Databases
    reader: FastReader

    async def fetch(
        self, compiled: CompiledRead, params: Mapping[str, Any]
    ) -> list[tuple[Any, ...]]:
        """A read on the raw driver (the hot path); sees only committed data."""
        return await self.reader.fetch(self.account, compiled, params)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """The request's one transaction: commits on exit, rolls back on error."""
        async with self.databases.tenant_transaction(self.account) as connection:
            yield connection
