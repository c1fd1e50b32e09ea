"""`/api/admin/config/` and `/api/admin/config/{key}/`: the platform's configuration, for platform
superusers only (auth/permissions.py, `is_platform_superuser`: a tenant's superuser runs one tenant,
not the server), secrets and URL passwords masked."""

from __future__ import annotations

from typing import Any

from litestar import Response, get
from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler

from storeroom.api.context import Context, started_of
from storeroom.auth.middleware import identity_of
from storeroom.auth.permissions import SUPERUSER, is_platform_superuser, requires
from storeroom.errors import Forbidden, NotFound
from storeroom.settings import ConfigAccess, Settings, displayed_value

PLATFORM_ONLY = "The server's configuration is shown to the platform's superusers only."


async def require_platform_superuser(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """A guard (after the middleware's superuser check): tenants' superusers and identity-header
    org admins may not read the platform's configuration (issue 12)."""
    settings = started_of(connection.scope).context.settings
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
async def list_config(context: Context) -> Response[bytes]:
    settings = context.settings
    return context.render_list(
        [describe(settings, access) for access in settings.accesses], "config"
    )


@get(
    "/admin/config/{key:str}/",
    name="admin-config-detail",
    operation_id="admin_config_retrieve",
    opt=requires("view", SUPERUSER),
    guards=[require_platform_superuser],
)
async def read_config(context: Context) -> Response[bytes]:
    key = context.path_param("key")
    settings = context.settings
    for access in settings.accesses:
        if key in (access.key, access.env_var):
            return context.render(describe(settings, access))
    raise NotFound()


routes = [list_config, read_config]
