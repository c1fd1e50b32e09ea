"""`/api/admin/config/` and `/api/admin/config/{key}/`: the platform's configuration, for platform
superusers only (auth/permissions.py, `is_platform_superuser`: a tenant's superuser runs one tenant,
not the server), secrets and URL passwords masked."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler

from storeroom.api.context import api_context
from storeroom.api.dialects import dialect_of
from storeroom.api.envelopes import page_body, paging_of
from storeroom.api.routes import render
from storeroom.auth.middleware import identity_of
from storeroom.auth.permissions import SUPERUSER, is_platform_superuser, requires
from storeroom.errors import Forbidden, NotFound
from storeroom.settings import ConfigAccess, Settings, displayed_value

AnyRequest = Request[Any, Any, Any]
PLATFORM_ONLY = "The server's configuration is shown to the platform's superusers only."


async def require_platform_superuser(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """A guard (after the middleware's superuser check): tenants' superusers and identity-header
    org admins may not read the platform's configuration (issue 12)."""
    settings: Settings = connection.app.state.api.settings
    if not is_platform_superuser(identity_of(connection.scope), settings.default_tenant):
        raise Forbidden(PLATFORM_ONLY)


def describe(settings: Settings, access: ConfigAccess) -> dict[str, Any]:
    return {
        "key": access.key,
        "env_var": access.env_var,
        "config_key": access.config_key,
        "source": access.source,
        "accessed": access.accessed,
        "value": displayed_value(settings, access.key),
    }


@get(
    "/admin/config/",
    name="admin-config-list",
    operation_id="admin_config_list",
    opt=requires("view", SUPERUSER),
    guards=[require_platform_superuser],
)
async def list_config(request: AnyRequest) -> Response[bytes]:
    settings = api_context(request).settings
    entries = [describe(settings, access) for access in settings.accesses]
    paging = paging_of(dialect_of(request.scope), request.query_params)
    if paging.limit is None:
        return render(request, entries)
    page = entries[paging.offset : paging.offset + paging.limit]
    body = page_body(dialect_of(request.scope), request, "config", page, len(entries), paging)
    return render(request, body)


@get(
    "/admin/config/{key:str}/",
    name="admin-config-detail",
    operation_id="admin_config_retrieve",
    opt=requires("view", SUPERUSER),
    guards=[require_platform_superuser],
)
async def read_config(request: AnyRequest) -> Response[bytes]:
    key = request.path_params["key"]
    settings = api_context(request).settings
    for access in settings.accesses:
        if key in (access.key, access.env_var):
            return render(request, describe(settings, access))
    raise NotFound()


routes = [list_config, read_config]
