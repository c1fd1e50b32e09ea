"""The bare baseline: a raw ASGI app doing only the work storeroom must do for two endpoints.

`GET /api/` answers the root document; `GET /api/error-report/?limit=&offset=` authenticates the
token (one SELECT on the platform database), reads one page (one SELECT on the tenant's table) and
counts the table (one SELECT count(*), kept for COUNT_CACHE_SECONDS as storeroom keeps it), then
encodes the DRF page with msgspec. Same SQL text as storeroom (`same_sql.py` checks it), same
drivers (aiosqlite, one connection per database file; or one asyncpg pool of 1-10), same bytes
out. No framework, no routing table, no dependency on storeroom: whatever storeroom spends beyond
this app's time is the price of its framework and its own layers.

Configured by the environment: BENCH_DATABASE_URL (postgresql://..., or empty for SQLite),
BENCH_DATA_DIR (storeroom's data dir, for SQLite), BENCH_COUNT_CACHE_SECONDS.
"""

from __future__ import annotations

import hashlib
import os
import platform
import time
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import aiosqlite
import asyncpg
import msgspec

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Row = Sequence[Any]

ACCOUNT = "default"
COUNT_CACHE_SECONDS = float(os.environ.get("BENCH_COUNT_CACHE_SECONDS", "1.0"))

# The statements storeroom compiles (auth/mechanisms.py, api/query.py), copied as text; the
# tenant's schema prefix goes where `{schema}` is ('"acctdefault".' on PostgreSQL, '' on SQLite).
TOKEN_SQL = {
    "sqlite": "SELECT user.id, user.username, user.account, user.email, user.first_name, "
    "user.last_name, user.is_active, user.is_staff, user.is_superuser, token.expiry \n"
    "FROM token JOIN user ON user.id = token.user_id \n"
    "WHERE token.key_hash = ? AND token.revoked = 0",
    "postgres": 'SELECT "user".id, "user".username, "user".account, "user".email, '
    '"user".first_name, "user".last_name, "user".is_active, "user".is_staff, '
    '"user".is_superuser, token.expiry \nFROM token JOIN "user" ON "user".id = token.user_id \n'
    "WHERE token.key_hash = $1::VARCHAR AND NOT token.revoked",
}
PAGE_SQL = {
    "sqlite": 'SELECT {schema}error_report.id, {schema}error_report."when", '
    "{schema}error_report.info, {schema}error_report.data, {schema}error_report.path \n"
    'FROM {schema}error_report ORDER BY {schema}error_report."when" DESC, '
    "{schema}error_report.id DESC\n LIMIT ? OFFSET ?",
    "postgres": 'SELECT {schema}error_report.id, {schema}error_report."when", '
    "{schema}error_report.info, {schema}error_report.data, {schema}error_report.path \n"
    'FROM {schema}error_report ORDER BY {schema}error_report."when" DESC, '
    "{schema}error_report.id DESC \n LIMIT $1 OFFSET $2",
}
COUNT_SQL = "SELECT count(*) AS count_1 \nFROM {schema}error_report"

JSON_HEADERS = [(b"content-type", b"application/json")]
DIALECT_HEADERS = [(b"x-api-dialect", b"drf"), (b"vary", b"X-API-Dialect")]


class HttpError(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status


class Database:
    """The raw driver: aiosqlite connections to the platform and tenant files, or asyncpg."""

    def __init__(self, url: str, data_dir: Path) -> None:
        self.kind = "postgres" if url else "sqlite"
        self.url = url
        self.data_dir = data_dir
        self.pool: asyncpg.Pool | None = None
        self.platform: aiosqlite.Connection | None = None
        self.tenant: aiosqlite.Connection | None = None
        schema = '"acct' + ACCOUNT + '".' if url else ""
        self.token_sql = TOKEN_SQL[self.kind]
        self.page_sql = PAGE_SQL[self.kind].format(schema=schema)
        self.count_sql = COUNT_SQL.format(schema=schema)

    async def open(self) -> None:
        if self.url:
            self.pool = await asyncpg.create_pool(self.url, min_size=1, max_size=10)
            return
        self.platform = await self._connect(self.data_dir / "platform.sqlite3")
        self.tenant = await self._connect(self.data_dir / "tenants" / f"{ACCOUNT}.sqlite3")

    @staticmethod
    async def _connect(path: Path) -> aiosqlite.Connection:
        connection = await aiosqlite.connect(path, isolation_level=None)
        await connection.execute("PRAGMA busy_timeout=10000")
        return connection

    async def close(self) -> None:
        for connection in (self.platform, self.tenant):
            if connection is not None:
                await connection.close()
        if self.pool is not None:
            await self.pool.close()

    async def fetch(self, on_platform: bool, sql: str, *arguments: Any) -> Sequence[Row]:
        if self.pool is not None:
            async with self.pool.acquire() as connection:
                rows: Sequence[Row] = await connection.fetch(sql, *arguments)
                return rows
        connection = self.platform if on_platform else self.tenant
        assert connection is not None
        return list(await connection.execute_fetchall(sql, arguments))


def utc(value: Any) -> datetime:
    """SQLite hands back text, stored naive in UTC; asyncpg an aware datetime."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class BareApp:
    def __init__(self) -> None:
        url = os.environ.get("BENCH_DATABASE_URL", "")
        self.database = Database(url, Path(os.environ.get("BENCH_DATA_DIR", "data")))
        self.platform_name = platform.platform()
        self.counted: tuple[float, int] = (0.0, 0)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.lifespan(receive, send)
            return
        try:
            body = await self.respond(scope)
            status = 200
        except HttpError as error:
            body, status = msgspec.json.encode({"detail": str(error)}), error.status
        headers = [*JSON_HEADERS, (b"content-length", str(len(body)).encode()), *DIALECT_HEADERS]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.database.open()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.database.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def respond(self, scope: Scope) -> bytes:
        headers = dict(scope["headers"])
        is_staff = await self.authenticate(headers)
        path = scope["path"]
        if path == "/api/":
            return msgspec.json.encode(self.root_document())
        if path == "/api/error-report/":
            if is_staff is None:
                raise HttpError(401, "Authentication credentials were not provided.")
            if not is_staff:
                raise HttpError(403, "You do not have permission to perform this action.")
            return msgspec.json.encode(await self.error_report_page(scope, headers))
        raise HttpError(404, "Not found.")

    async def authenticate(self, headers: dict[bytes, bytes]) -> bool | None:
        """Whether the token's user is staff; None when no token is presented."""
        row = await self.identify(headers)
        return None if row is None else bool(row[7]) or bool(row[8])

    async def identify(self, headers: dict[bytes, bytes]) -> Row | None:
        """The token's user row (id first); None when no token is presented."""
        scheme, _, key = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
        if scheme.lower() != "token" or not key.strip():
            return None
        key_hash = hashlib.sha256(key.strip().encode()).hexdigest()
        rows = await self.database.fetch(True, self.database.token_sql, key_hash)
        if not rows:
            raise HttpError(401, "Invalid token.")
        row = rows[0]
        if row[9] is not None and utc(row[9]) <= datetime.now(UTC):
            raise HttpError(401, "Token has expired.")
        if not row[6]:
            raise HttpError(401, "User inactive or deleted.")
        return row

    def root_document(self) -> dict[str, Any]:
        return {
            "server": "InvenTree",
            "version": "0.17.0",
            "instance": "storeroom",
            "apiVersion": 264,
            "worker_running": True,
            "worker_pending_tasks": 0,
            "plugins_enabled": False,
            "plugins_install_disabled": True,
            "active_plugins": [],
            "email_configured": False,
            "debug_mode": False,
            "docker_mode": False,
            "default_locale": "en-us",
            "system_health": True,
            "database": "postgresql" if self.database.pool is not None else "sqlite3",
            "platform": self.platform_name,
            "installer": None,
            "target": None,
        }

    async def count(self) -> int:
        expires, count = self.counted
        if expires >= time.monotonic():
            return count
        rows = await self.database.fetch(False, self.database.count_sql)
        count = int(rows[0][0])
        self.counted = (time.monotonic() + COUNT_CACHE_SECONDS, count)
        return count

    async def error_report_page(self, scope: Scope, headers: dict[bytes, bytes]) -> dict[str, Any]:
        params = dict(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True))
        limit, offset = int(params.get("limit") or 0), int(params.get("offset") or 0)
        rows = await self.database.fetch(False, self.database.page_sql, limit, offset)
        count = await self.count()
        host = headers.get(b"host", b"").decode("latin-1")
        base = f"{scope['scheme']}://{host}{scope['path']}?"

        def link(page_offset: int | None) -> str:
            linked = {**params, "limit": str(limit), "offset": str(page_offset)}
            if page_offset is None:
                del linked["offset"]
            return base + urlencode(linked)

        previous = None if offset <= 0 else link(max(0, offset - limit) or None)
        return {
            "count": count,
            "next": link(offset + limit) if offset + limit < count else None,
            "previous": previous,
            "results": [
                {"pk": row[0], "when": utc(row[1]), "info": row[2], "data": row[3], "path": row[4]}
                for row in rows
            ],
        }


app = BareApp()
