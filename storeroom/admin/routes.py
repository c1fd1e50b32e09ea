"""`/api/admin/config/` and `/api/admin/config/{key}/`: superusers only, secrets masked."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get

from storeroom.api.context import api_context
from storeroom.api.dialects import dialect_of
from storeroom.api.envelopes import page_body, paging_of
from storeroom.api.routes import render
from storeroom.auth.permissions import SUPERUSER, requires
from storeroom.errors import NotFound
from storeroom.settings import ConfigAccess, Settings, displayed_value

AnyRequest = Request[Any, Any, Any]


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
)
async def read_config(request: AnyRequest) -> Response[bytes]:
    key = request.path_params["key"]
    settings = api_context(request).settings
    for access in settings.accesses:
        if key in (access.key, access.env_var):
            return render(request, describe(settings, access))
    raise NotFound()


routes = [list_config, read_config]
