"""The stock list and detail, served here rather than by the resource layer: each takes
`part_detail`, `location_detail`, `supplier_part_detail` and `path_detail`
(models/stock_expansions.py), and `tests` (stock/item_tests.py)."""

from __future__ import annotations

from typing import Any

from litestar import Response, get
from litestar.handlers import HTTPRouteHandler
from litestar.response import Stream

from storeroom.api import crud
from storeroom.api.context import Context
from storeroom.api.envelopes import list_key, object_body, page_body
from storeroom.api.export import check_format
from storeroom.api.query import ListQuery
from storeroom.api.routes import (
    bare_array,
    detail_path,
    export_response,
    list_path,
    list_query,
    operation_base,
)
from storeroom.auth.permissions import requires
from storeroom.models.stock import STOCK_ITEM
from storeroom.models.stock_expansions import expanded
from storeroom.stock.item_tests import chunks_with_tests, wants_tests, with_tests


def opt(operation: str) -> dict[str, Any]:
    return {**requires("view", STOCK_ITEM.access), "resource": STOCK_ITEM, "operation": operation}


@get(
    list_path(STOCK_ITEM),
    name="stockitem-list",
    operation_id=f"{operation_base(STOCK_ITEM)}_list",
    opt=opt("list"),
)
async def list_stock(context: Context) -> Response[Any]:
    api, tenant, dialect = context.api, context.tenant, context.dialect
    query, paging = list_query(STOCK_ITEM, context.request, dialect)
    export = context.query.get("export")
    if export:
        unpaged = ListQuery(query.filters, query.ordering, query.search)
        chunks = await crud.stream_all(api, tenant, STOCK_ITEM, unpaged)
        return export_response(STOCK_ITEM, chunks, check_format(export))
    chosen, tests = expanded(context.query), wants_tests(context.query)
    if query.limit is None:
        chunks = await crud.stream_all(api, tenant, chosen, query)
        if tests:
            chunks = chunks_with_tests(tenant, chunks)
        return Stream(bare_array(chunks), media_type="application/json")
    objects, count = await crud.list_page(api, tenant, chosen, query)
    if tests:
        objects = await with_tests(tenant, objects)
    page = page_body(dialect, context.request, list_key(STOCK_ITEM), objects, count, paging)
    return context.render(page)


@get(
    detail_path(STOCK_ITEM),
    name="stockitem-detail",
    operation_id=f"{operation_base(STOCK_ITEM)}_retrieve",
    opt=opt("detail"),
)
async def read_stock_item(context: Context) -> Response[Any]:
    pk = crud.parse_pk(context.path_param("id"))
    chosen, tests = expanded(context.query), wants_tests(context.query)
    found = await crud.get_one(context.api, context.tenant, chosen, pk)
    if tests:
        found = (await with_tests(context.tenant, [found]))[0]
    return context.render(object_body(context.dialect, chosen, found))


ITEM_ROUTES: list[HTTPRouteHandler] = [list_stock, read_stock_item]
