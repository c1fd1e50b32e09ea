"""`/api/flags/` and `/api/flags/{key}/`: every feature flag, evaluated for whoever asks
(anonymous callers too, as in InvenTree)."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Response, get

from storeroom.api.context import Context, RequestContext
from storeroom.api.openapi_structs import OperationSchema
from storeroom.flags.schemas import FlagOut
from storeroom.flags.service import list_flags, read_flag


def query_of(context: RequestContext) -> dict[str, str]:
    # The last value of a repeated parameter, as Django's QueryDict.get gives django-flags.
    return dict(context.query.multi_items())


@get(
    "/flags/",
    name="flags-list",
    operation_id="flags_list",
    opt={"schema": OperationSchema(response=list[FlagOut], paginated=True)},
)
async def list_feature_flags(context: Context) -> Response[bytes]:
    flags = list_flags(context.settings, context.identity, query_of(context))
    found: list[dict[str, Any]] = msgspec.to_builtins(flags)
    return context.render_list(found, "flags")


@get(
    "/flags/{key:str}/",
    name="flags-detail",
    operation_id="flags_retrieve",
    opt={"schema": OperationSchema(response=FlagOut)},
)
async def read_feature_flag(context: Context) -> Response[bytes]:
    key = context.path_param("key")
    flag = read_flag(context.settings, key, context.identity, query_of(context))
    return context.render(msgspec.to_builtins(flag))


routes = [list_feature_flags, read_feature_flag]
