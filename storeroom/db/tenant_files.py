"""The SQLite tenant databases open in this process: a bounded set, each checked against its file.

A tenant's file can be deleted and made again by another process (`storeroom tenant delete`, then
`tenant create` or a first request) while this one holds the old file open: reads would see the
deleted tenant's data and writes would go into a file nobody will open again. So every use
compares the file at the tenant's path with the one that was opened (device and inode: one
`stat`, no query); another file, or none, retires what was open. A raw read (`fetch`) makes that
check on its reader's own thread, just before its query: a `stat` on the event loop's thread gives
up the GIL to the reader threads and, under load, cost a list page ~40 % of its throughput.
Connections open their file with `mode=rw`, so a process that still believes in a deleted tenant
never makes an empty file in its place: only `create=True` (creating or migrating the tenant)
makes one.

Each open tenant costs file descriptors (the database, its WAL and its shared memory, per
connection), so at most `limit` tenants stay open, sized from the process's open-file limit;
the least recently used is closed first, and never while a request is using it.
"""

from __future__ import annotations

import asyncio
import os
import resource
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiosqlite
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from storeroom.db import regex
from storeroom.errors import NotFound

Row = Sequence[Any]

# A SQLite connection in WAL mode holds three descriptors (database, -wal, -shm); an open tenant
# usually has its read connection and one or two pooled ones.
FILES_PER_TENANT = 9
# Half the process's descriptors are left for sockets, the platform database and uploads.
SHARE_FOR_TENANTS = 0.5
MIN_OPEN_TENANTS = 4


def open_tenant_limit(configured: int) -> int:
    """The setting when given (> 0), else what the process's soft RLIMIT_NOFILE allows."""
    if configured > 0:
        return configured
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        soft = 1 << 20
    return max(MIN_OPEN_TENANTS, int(soft * SHARE_FOR_TENANTS) // FILES_PER_TENANT)


def file_uri(path: Path) -> str:
    return f"file:{quote(str(path.absolute()))}"


def sqlite_uri(path: Path) -> str:
    """The file as an SQLite URI that opens it read-write but never creates it."""
    return f"{file_uri(path)}?mode=rw"


@dataclass(eq=False)
class OpenTenant:
    """One tenant file as opened by this process; `users` counts the requests using it."""

    account: str
    # The file's path as text: checked on every use, so no Path is built on the hot path.
    location: str
    identity: tuple[int, int]
    engine: AsyncEngine
    reader: TenantReader | None = None
    users: int = 0
    retired: bool = False


def _identity(path: str | Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return (found.st_dev, found.st_ino)


class TenantReader(aiosqlite.Connection):
    """A tenant's raw read connection, whose reads check the tenant's file on its own thread."""

    async def fetch_if_same(
        self, location: str, identity: tuple[int, int], sql: str, arguments: list[Any]
    ) -> list[Row] | None:
        """The query's rows, or None when the file at `location` is no longer `identity`."""
        # aiosqlite's own way to run a call on the connection's thread (untyped there).
        rows: list[Row] | None = await self._execute(  # type: ignore[no-untyped-call]
            self._fetch_if_same, location, identity, sql, arguments
        )
        return rows

    def _fetch_if_same(
        self, location: str, identity: tuple[int, int], sql: str, arguments: list[Any]
    ) -> list[Row] | None:
        if _identity(location) != identity:
            return None
        rows: list[Row] = self._conn.execute(sql, arguments).fetchall()
        return rows


def _reader(path: Path) -> TenantReader:
    uri = sqlite_uri(path)
    return TenantReader(lambda: sqlite3.connect(uri, uri=True, isolation_level=None), 64)


class TenantFiles:
    def __init__(
        self,
        directory: Path,
        limit: int,
        busy_timeout_ms: int,
        make_engine: Callable[[sa.URL], AsyncEngine],
    ) -> None:
        self.directory = directory
        self.limit = limit
        self.busy_timeout_ms = busy_timeout_ms
        self._make_engine = make_engine
        self._open: OrderedDict[str, OpenTenant] = OrderedDict()
        self._reader_lock = asyncio.Lock()

    def path(self, account: str) -> Path:
        return self.directory / f"{account}.sqlite3"

    def open_count(self) -> int:
        return len(self._open)

    def _engine(self, path: Path) -> AsyncEngine:
        url = sa.URL.create(
            "sqlite+aiosqlite",
            database=file_uri(path),
            query={"mode": "rw", "uri": "true"},
        )
        return self._make_engine(url)

    async def acquire(self, account: str, create: bool = False) -> OpenTenant:
        """The tenant's open database, counted as in use until `release`. Raises NotFound when
        its file is gone (and `create` is false)."""
        stale = self._open.get(account)
        if stale is not None and stale.identity == _identity(stale.location):
            self._open.move_to_end(account)
            stale.users += 1
            return stale
        path = self.path(account)
        identity = _identity(path)
        if stale is not None:
            # Deleted, or deleted and made again, by another process (or this one).
            del self._open[account]
            stale.retired = True
        if identity is None:
            if not create:
                await self._close_if_idle(stale)
                raise NotFound(f"No tenant {account}.")
            path.parent.mkdir(parents=True, exist_ok=True)
            # An empty file is an empty SQLite database.
            path.touch()
            identity = _identity(path) or (0, 0)
        # No await between the lookup and here: two requests never open one tenant twice.
        entry = OpenTenant(account, str(path), identity, self._engine(path), users=1)
        self._open[account] = entry
        await self._close_if_idle(stale)
        await self._close_idle_beyond_limit()
        return entry

    async def release(self, entry: OpenTenant) -> None:
        entry.users -= 1
        if entry.users:
            return
        if entry.retired:
            await self._close(entry)
        else:
            # Over the limit while every open tenant was busy: catch up now one is free.
            await self._close_idle_beyond_limit()

    async def fetch(self, account: str, sql: str, arguments: list[Any]) -> list[Row]:
        """One raw read of the tenant's file (db/fastread.py). An open tenant is checked against
        its file on the reader's thread; a first read, or a file found replaced, goes the way of
        `acquire` (which retires what was open) and reads from what it opens."""
        entry = self._open.get(account)
        if entry is not None and entry.reader is not None:
            self._open.move_to_end(account)
            entry.users += 1
            try:
                rows = await entry.reader.fetch_if_same(
                    entry.location, entry.identity, sql, arguments
                )
            finally:
                await self.release(entry)
            if rows is not None:
                return rows
        entry = await self.acquire(account)
        try:
            reader = await self.reader(entry)
            return list(await reader.execute_fetchall(sql, arguments))
        finally:
            await self.release(entry)

    async def reader(self, entry: OpenTenant) -> TenantReader:
        """The entry's raw read connection (db/fastread.py), opened on first use."""
        if entry.reader is not None:
            return entry.reader
        async with self._reader_lock:
            if entry.reader is None:
                path = self.path(entry.account)
                connection = _reader(path)
                await connection
                await connection.execute(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
                await connection.create_function(
                    regex.NAME, regex.ARGUMENTS, regex.regexp_like, deterministic=True
                )
                entry.reader = connection
            return entry.reader

    async def _close_if_idle(self, entry: OpenTenant | None) -> None:
        """A retired entry nobody uses is closed now; otherwise its last user closes it."""
        if entry is not None and entry.users == 0:
            await self._close(entry)

    async def _close_idle_beyond_limit(self) -> None:
        excess = len(self._open) - self.limit
        if excess <= 0:
            return
        # Oldest first; an entry in use stays open past the limit until a later call.
        idle: list[OpenTenant] = []
        for entry in self._open.values():
            if len(idle) == excess:
                break
            if entry.users == 0:
                idle.append(entry)
        for entry in idle:
            del self._open[entry.account]
            entry.retired = True
        for entry in idle:
            await self._close(entry)

    async def _close(self, entry: OpenTenant) -> None:
        reader, entry.reader = entry.reader, None
        if reader is not None:
            await reader.close()
        await entry.engine.dispose()

    async def forget(self, account: str) -> None:
        entry = self._open.pop(account, None)
        if entry is not None:
            entry.retired = True
            await self._close_if_idle(entry)

    async def close(self) -> None:
        entries = list(self._open.values())
        self._open.clear()
        for entry in entries:
            entry.retired = True
            await self._close(entry)
