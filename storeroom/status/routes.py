"""`/api/`, the status endpoints, `/healthz`, `/readyz` and `/api/version/`.

The root's worker figures come from the queue: a plain `GET /api/` is answered from bytes
encoded at start and renewed every ROOT_REFRESH_SECONDS (api/constant_responses.py), any other
from the queue at once.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import msgspec
import sqlalchemy as sa
from litestar import Litestar, Response, get

from storeroom.api.constant_responses import register
from storeroom.api.context import CONTEXT_DEPENDENCY, ApiContext, Context
from storeroom.auth.permissions import STAFF, requires
from storeroom.background.queue import TaskQueue
from storeroom.background.state import queue_of
from storeroom.errors import Unavailable
from storeroom.status.service import root_payload, status_payload, version_payload, worker_figures

ROOT_REFRESH_SECONDS = 5.0


async def root_of(context: ApiContext, queue: TaskQueue) -> dict[str, Any]:
    database = "sqlite3" if context.databases.is_sqlite else "postgresql"
    return root_payload(context.settings, database, await worker_figures(queue))


@asynccontextmanager
async def fresh_root(app: Litestar, context: ApiContext, queue: TaskQueue) -> AsyncIterator[None]:
    """Serve the root's bytes without routing, renewed while the block runs."""

    async def renew() -> None:
        while True:
            await asyncio.sleep(ROOT_REFRESH_SECONDS)
            register(app, "/api/", msgspec.json.encode(await root_of(context, queue)))

    register(app, "/api/", msgspec.json.encode(await root_of(context, queue)))
    task = asyncio.create_task(renew(), name="api-root")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@get("/", name="api-root", operation_id="api_root")
async def api_root(context: Context) -> Response[bytes]:
    return context.render(await root_of(context.api, queue_of(context)))


@get(
    "/status/",
    name="status",
    operation_id="status_retrieve",
)
async def server_status(context: Context) -> Response[bytes]:
    # Always this snake_case shape, whatever the dialect (docs/api-behaviour.md).
    payload = status_payload(context.settings, context.request.headers.get("host"))
    return Response(msgspec.json.encode(payload), media_type="application/json")


@get("/healthz", name="healthz", include_in_schema=False)
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


# Outside the API mounts: the probe takes the same injected context as the API's handlers.
@get("/readyz", name="readyz", include_in_schema=False, dependencies=CONTEXT_DEPENDENCY)
async def readyz(context: Context) -> dict[str, str]:
    try:
        async with context.databases.platform.connect() as connection:
            await connection.execute(sa.text("SELECT 1"))
    except (OSError, sa.exc.SQLAlchemyError) as error:
        raise Unavailable(f"Database unreachable: {type(error).__name__}") from None
    await queue_of(context).ping()
    return {"status": "ready"}


@get("/version/", name="version", operation_id="version_retrieve", opt=requires("view", STAFF))
async def version(context: Context) -> Response[bytes]:
    return context.render(version_payload(context.settings))


# Mounted under every API prefix (/api/, /api/v1/, /api/rbac/v1/).
routes = [api_root, server_status, version]
# Served once, outside the API mounts.
probe_routes = [healthz, readyz]
