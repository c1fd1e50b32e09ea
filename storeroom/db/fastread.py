"""The hot read path: SQLAlchemy-built statements, compiled once, run on the raw driver.

Measured here, SQLAlchemy's async execution costs about 3x the raw driver on a detail read. So list
and detail reads compile their statement once per query shape (`compile_read`), keep SQLAlchemy's
own bind and result processors for the column types, and execute on an aiosqlite connection per
tenant file or an asyncpg pool, skipping the ORM's async round trip.
"""

from __future__ import annotations

import asyncio
import json
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import aiosqlite
import asyncpg
import msgspec
import sqlalchemy as sa

from storeroom.db.engines import Databases
from storeroom.db.metadata import SCHEMA_PLACEHOLDER, TENANT_SCHEMA, UTCDateTime

Processor = Callable[[Any], Any] | None
Row = Sequence[Any]

# PostgreSQL read connections: AFFINITY_POOLS pools of CONNECTIONS_PER_POOL, a tenant preferring
# one of them (see FastReader._pool_for).
AFFINITY_POOLS = 5
CONNECTIONS_PER_POOL = 2


@dataclass(frozen=True, slots=True)
class CompiledRead:
    sql: str
    names: tuple[str, ...]
    binders: tuple[Processor, ...]
    processors: tuple[Processor, ...]
    defaults: Mapping[str, Any]

    def arguments(self, params: Mapping[str, Any]) -> list[Any]:
        values = []
        for name, binder in zip(self.names, self.binders, strict=True):
            value = params[name] if name in params else self.defaults[name]
            values.append(binder(value) if binder is not None and value is not None else value)
        return values

    def convert(self, rows: Sequence[Row]) -> list[tuple[Any, ...]]:
        # Only the columns that have a processor are touched (a generator over every column of
        # every row cost ~40 % more on a page of 25).
        active = [(index, process) for index, process in enumerate(self.processors) if process]
        if not active:
            return [tuple(row) for row in rows]
        converted = []
        for row in rows:
            values = list(row)
            for index, process in active:
                value = values[index]
                if value is not None:
                    values[index] = process(value)
            converted.append(tuple(values))
        return converted


def sqlite_moment(value: str) -> datetime:
    # SQLite keeps UTC datetimes as "YYYY-MM-DD HH:MM:SS.ffffff" text; fromisoformat reads that
    # in ~0.3 us, SQLAlchemy's regex processor plus UTCDateTime's hook take ~1 us.
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def sqlite_json(value: str | float) -> Any:
    # SQLite hands a JSON column over as text (a number where SQL made one). msgspec reads a page's
    # JSON ~4x faster than SQLAlchemy's json.loads; what only Python's json reads (NaN, Infinity,
    # lone surrogates, which json.dumps writes) falls back to it.
    if not isinstance(value, str):
        return value
    try:
        return msgspec.json.decode(value)
    except msgspec.DecodeError:
        return json.loads(value)


def result_processor(kind: sa.types.TypeEngine[Any], dialect: sa.Dialect) -> Processor:
    # asyncpg already returns float for float columns and Decimal for numeric ones; SQLAlchemy's
    # numeric processors for it need the column's type code, which a raw read doesn't give.
    if isinstance(kind, UTCDateTime):
        # asyncpg already returns timezone-aware datetimes.
        return sqlite_moment if dialect.name == "sqlite" else None
    implementation = kind.dialect_impl(dialect)
    if dialect.name == "postgresql" and isinstance(implementation, sa.Numeric | sa.Float):
        return None
    if dialect.name == "sqlite" and isinstance(implementation, sa.JSON):
        return sqlite_json
    processor: Processor = implementation.result_processor(dialect, None)
    return processor


def compile_read(statement: sa.Select[Any], dialect: sa.Dialect) -> CompiledRead:
    # Compiling with a translate map leaves a placeholder for the tenant schema (SCHEMA_PLACEHOLDER)
    # that each execution fills in.
    compiled = statement.compile(
        dialect=dialect, schema_translate_map={TENANT_SCHEMA: TENANT_SCHEMA}
    )
    names = tuple(compiled.positiontup or ())
    binds = compiled.binds
    binders = tuple(
        binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    )
    defaults = {name: binds[name].value for name in names}
    processors = tuple(
        result_processor(column.type, dialect) for column in statement.selected_columns
    )
    return CompiledRead(compiled.string, names, binders, processors, defaults)


# Rendered statements by (statement, schema): a bounded memo, as statements come and go with the
# shapes clients ask for and schemas with tenants.
@lru_cache(maxsize=4096)
def render_schema(sql: str, schema: str | None) -> str:
    return sql.replace(SCHEMA_PLACEHOLDER, f'"{schema}".' if schema else "")


def _free_connections(pool: asyncpg.Pool) -> int:
    return int(pool.get_idle_size() + pool.get_max_size() - pool.get_size())


async def _no_reset(connection: asyncpg.Connection) -> None:
    return None


def _encode_json(value: Any) -> str:
    return msgspec.json.encode(value).decode()


async def _decode_json(connection: asyncpg.Connection) -> None:
    # Plain asyncpg hands json columns over as text (SQLAlchemy's own pool sets this codec).
    for kind in ("json", "jsonb"):
        await connection.set_type_codec(
            kind,
            schema="pg_catalog",
            encoder=msgspec.json.encode,
            decoder=msgspec.json.decode,
            format="text",
        )


class FastReader:
    """Raw driver connections for reads: aiosqlite per tenant file (kept with the tenant's engine
    in db/tenant_files.py) and one for the platform, or asyncpg pools."""

    def __init__(self, databases: Databases) -> None:
        self.databases = databases
        self.dialect = databases.platform.dialect
        self._platform: aiosqlite.Connection | None = None
        self._platform_lock = asyncio.Lock()
        self._pools: list[asyncpg.Pool] = []

    async def start(self) -> None:
        if not self.databases.is_sqlite:
            url = self.databases.platform.url.set(drivername="postgresql")
            dsn = url.render_as_string(hide_password=False)
            self._pools = [
                await asyncpg.create_pool(
                    dsn,
                    min_size=1,
                    max_size=CONNECTIONS_PER_POOL,
                    # Each tenant's schema is written into its SQL, so every tenant has
                    # statements of its own, prepared once per connection that runs them.
                    statement_cache_size=2048,
                    # The read path never changes session state: skip the reset on every release.
                    reset=_no_reset,
                    init=_decode_json,
                )
                for _ in range(AFFINITY_POOLS)
            ]

    async def close(self) -> None:
        if self._platform is not None:
            await self._platform.close()
            self._platform = None
        for pool in self._pools:
            await pool.close()
        self._pools = []

    def _pool_for(self, account: str | None) -> asyncpg.Pool:
        """The tenant's own pool while it has a free connection, else the least busy one.

        Preparing a statement costs the server and PostgreSQL more than running it, and each
        tenant's statements are its own: with one shared pool, requests spread over 1,000
        tenants prepared on nearly every call. Keeping a tenant on a fixed share of the
        connections lets their statement caches hold its statements."""
        own = self._pools[zlib.crc32((account or "").encode()) % len(self._pools)]
        if own.get_idle_size() or own.get_size() < own.get_max_size():
            return own
        return max(self._pools, key=_free_connections)

    async def _platform_reader(self) -> aiosqlite.Connection:
        if self._platform is not None:
            return self._platform
        async with self._platform_lock:
            if self._platform is None:
                connection = await aiosqlite.connect(
                    self.databases.platform_file(), isolation_level=None
                )
                timeout = int(self.databases.settings.sqlite_busy_timeout_ms)
                await connection.execute(f"PRAGMA busy_timeout={timeout}")
                self._platform = connection
            return self._platform

    async def _fetch_sqlite(self, account: str | None, sql: str, arguments: list[Any]) -> list[Row]:
        if account is None:
            return list(await (await self._platform_reader()).execute_fetchall(sql, arguments))
        # The tenant's own open file, checked against the disk and kept open while it is read.
        return await self.databases.tenant_files.fetch(account, sql, arguments)

    def _sql(self, compiled: CompiledRead, account: str | None) -> str:
        schema = self.databases.schema_for(account) if account else None
        return render_schema(compiled.sql, schema)

    async def fetch(
        self, account: str | None, compiled: CompiledRead, params: Mapping[str, Any]
    ) -> list[tuple[Any, ...]]:
        sql = self._sql(compiled, account)
        arguments = compiled.arguments(params)
        if self._pools:
            async with self._pool_for(account).acquire() as connection:
                rows: Sequence[Row] = await connection.fetch(sql, *arguments)
        else:
            rows = await self._fetch_sqlite(account, sql, arguments)
        return compiled.convert(rows)

    async def fetch_platform(
        self, compiled: CompiledRead, params: Mapping[str, Any]
    ) -> list[tuple[Any, ...]]:
        return await self.fetch(None, compiled, params)
