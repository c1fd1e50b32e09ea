"""`/api/`, the status endpoints, `/healthz`, `/readyz` and `/api/version/`."""

from __future__ import annotations

from typing import Any

import msgspec
import sqlalchemy as sa
from litestar import Request, Response, get

from storeroom.api.context import ApiContext, api_context
from storeroom.api.routes import render
from storeroom.auth.permissions import STAFF, requires
from storeroom.errors import Unavailable
from storeroom.status.service import root_payload, status_payload, version_payload

AnyRequest = Request[Any, Any, Any]


def root_of(context: ApiContext) -> dict[str, Any]:
    database = "sqlite3" if context.databases.is_sqlite else "postgresql"
    return root_payload(context.settings, database)


def encoded_root(context: ApiContext) -> bytes:
    """The root as drf bytes, served without routing (api/constant_responses.py)."""
    return msgspec.json.encode(root_of(context))


@get("/", name="api-root", operation_id="api_root")
async def api_root(request: AnyRequest) -> Response[bytes]:
    return render(request, root_of(api_context(request)))


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
    return {"status": "ready"}


@get("/version/", name="version", operation_id="version_retrieve", opt=requires("view", STAFF))
async def version(request: AnyRequest) -> Response[bytes]:
    return render(request, version_payload(api_context(request).settings))


# Mounted under every API prefix (/api/, /api/v1/, /api/rbac/v1/).
routes = [api_root, server_status, version]
# Served once, outside the API mounts.
probe_routes = [healthz, readyz]
