"""`/api/flags/` and `/api/flags/{key}/`: every feature flag, evaluated for whoever asks
(anonymous callers too, as in InvenTree)."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, Response, get

from storeroom.api.context import api_context
from storeroom.api.dialects import dialect_of
from storeroom.api.envelopes import page_body, paging_of
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.routes import render
from storeroom.auth.middleware import identity_of
from storeroom.flags.schemas import FlagOut
from storeroom.flags.service import list_flags, read_flag

AnyRequest = Request[Any, Any, Any]


def query_of(request: AnyRequest) -> dict[str, str]:
    # The last value of a repeated parameter, as Django's QueryDict.get gives django-flags.
    return dict(request.query_params.multi_items())


@get(
    "/flags/",
    name="flags-list",
    operation_id="flags_list",
    opt={"schema": OperationSchema(response=list[FlagOut], paginated=True)},
)
async def list_feature_flags(request: AnyRequest) -> Response[bytes]:
    settings = api_context(request).settings
    flags = list_flags(settings, identity_of(request.scope), query_of(request))
    found: list[dict[str, Any]] = msgspec.to_builtins(flags)
    dialect = dialect_of(request.scope)
    paging = paging_of(dialect, request.query_params)
    if paging.limit is None:
        return render(request, found)
    page = found[paging.offset : paging.offset + paging.limit]
    return render(request, page_body(dialect, request, "flags", page, len(found), paging))


@get(
    "/flags/{key:str}/",
    name="flags-detail",
    operation_id="flags_retrieve",
    opt={"schema": OperationSchema(response=FlagOut)},
)
async def read_feature_flag(request: AnyRequest) -> Response[bytes]:
    settings = api_context(request).settings
    key = request.path_params["key"]
    flag = read_flag(settings, key, identity_of(request.scope), query_of(request))
    return render(request, msgspec.to_builtins(flag))


routes = [list_feature_flags, read_feature_flag]
