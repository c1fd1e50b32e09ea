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
from litestar import Litestar, Request, Response, get

from storeroom.api.constant_responses import register
from storeroom.api.context import ApiContext, api_context
from storeroom.api.routes import render
from storeroom.auth.permissions import STAFF, requires
from storeroom.background.queue import TaskQueue
from storeroom.background.state import queue_of
from storeroom.errors import Unavailable
from storeroom.status.service import root_payload, status_payload, version_payload, worker_figures

AnyRequest = Request[Any, Any, Any]
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
async def api_root(request: AnyRequest) -> Response[bytes]:
    return render(request, await root_of(api_context(request), queue_of(request)))


@get(
    "/status/",
    name="status",
    operation_id="status_retrieve",
)
async def server_status(request: AnyRequest) -> Response[bytes]:
    # Always this snake_case shape, whatever the dialect (docs/api-behaviour.md).
    payload = status_payload(api_context(request).settings, request.headers.get("host"))
    return Response(msgspec.json.encode(payload), media_type="application/json")


@get("/healthz", name="healthz", include_in_schema=False)
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@get("/readyz", name="readyz", include_in_schema=False)
async def readyz(request: AnyRequest) -> dict[str, str]:
    context = api_context(request)
    try:
        async with context.databases.platform.connect() as connection:
            await connection.execute(sa.text("SELECT 1"))
    except (OSError, sa.exc.SQLAlchemyError) as error:
        raise Unavailable(f"Database unreachable: {type(error).__name__}") from None
    await queue_of(request).ping()
    return {"status": "ready"}


@get("/version/", name="version", operation_id="version_retrieve", opt=requires("view", STAFF))
async def version(request: AnyRequest) -> Response[bytes]:
    return render(request, version_payload(api_context(request).settings))


# Mounted under every API prefix (/api/, /api/v1/, /api/rbac/v1/).
routes = [api_root, server_status, version]
# Served once, outside the API mounts.
probe_routes = [healthz, readyz]
