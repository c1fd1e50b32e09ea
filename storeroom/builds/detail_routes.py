"""The list and detail of builds, build lines and build items, served here rather than by the
resource layer: each takes the nested objects InvenTree's serializers offer
(models/build_expansions.py). Filters, ordering, search, paging and export are the resource
layer's, on the plain resource. And a build's create, which takes `create_child_builds`."""

from __future__ import annotations

from typing import Any

from litestar import Response, get, post
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
from storeroom.api.validation import convert_body
from storeroom.auth.permissions import requires
from storeroom.builds import children
from storeroom.models.build import BUILD
from storeroom.models.build_expansions import (
    BUILD_EXPANSIONS,
    ITEM_EXPANSIONS,
    LINE_EXPANSIONS,
    Expansions,
)


def opt(expansions: Expansions, operation: str) -> dict[str, Any]:
    resource = expansions.base
    return {**requires("view", resource.access), "resource": resource, "operation": operation}


def list_route(expansions: Expansions) -> HTTPRouteHandler:
    resource = expansions.base

    async def list_objects(context: Context) -> Response[Any]:
        api, tenant, dialect = context.api, context.tenant, context.dialect
        query, paging = list_query(resource, context.request, dialect)
        export = context.query.get("export")
        if export:
            unpaged = ListQuery(query.filters, query.ordering, query.search)
            chunks = await crud.stream_all(api, tenant, resource, unpaged)
            return export_response(resource, chunks, check_format(export))
        chosen = expansions.expanded(context.query)
        if query.limit is None:
            chunks = await crud.stream_all(api, tenant, chosen, query)
            return Stream(bare_array(chunks), media_type="application/json")
        objects, count = await crud.list_page(api, tenant, chosen, query)
        page = page_body(dialect, context.request, list_key(resource), objects, count, paging)
        return context.render(page)

    return get(
        list_path(resource),
        name=f"{resource.model_type}-list",
        operation_id=f"{operation_base(resource)}_list",
        opt=opt(expansions, "list"),
    )(list_objects)


def detail_route(expansions: Expansions) -> HTTPRouteHandler:
    resource = expansions.base

    async def read_object(context: Context) -> Response[Any]:
        pk = crud.parse_pk(context.path_param("id"))
        chosen = expansions.expanded(context.query)
        found = await crud.get_one(context.api, context.tenant, chosen, pk)
        return context.render(object_body(context.dialect, chosen, found))

    return get(
        detail_path(resource),
        name=f"{resource.model_type}-detail",
        operation_id=f"{operation_base(resource)}_retrieve",
        opt=opt(expansions, "detail"),
    )(read_object)


async def answer_created(context: Context, expansions: Expansions, pk: int) -> Response[Any]:
    """The created object as the detail shows it (InvenTree answers with the same serializer)."""
    chosen = expansions.expanded(context.query)
    found = await crud.get_one(context.api, context.tenant, chosen, pk)
    return context.render(object_body(context.dialect, chosen, found), 201)


def create_route(expansions: Expansions) -> HTTPRouteHandler:
    resource = expansions.base

    async def create_object(context: Context) -> Response[Any]:
        values, errors = convert_body(resource, await context.body(), partial=False, creating=True)
        created = await crud.create(context.api, context.tenant, resource, values, errors)
        return await answer_created(context, expansions, created["pk"])

    return post(
        list_path(resource),
        name=f"{resource.model_type}-create",
        operation_id=f"{operation_base(resource)}_create",
        opt={**requires("add", resource.access), "resource": resource, "operation": "create"},
    )(create_object)


@post(
    list_path(BUILD),
    name="build-create",
    operation_id=f"{operation_base(BUILD)}_create",
    opt={**requires("add", BUILD.access), "resource": BUILD, "operation": "create"},
)
async def create_build(context: Context) -> Response[Any]:
    """Create a build; with `create_child_builds`, its sub-builds too."""
    body = await context.body()
    make_children = children.take_flag(body)
    values, errors = convert_body(BUILD, body, partial=False, creating=True)
    values.pop("create_child_builds", None)
    created = await crud.create(context.api, context.tenant, BUILD, values, errors)
    if make_children:
        await children.create_children(context.api, context.tenant, created)
    return await answer_created(context, BUILD_EXPANSIONS, created["pk"])


DETAIL_ROUTES = [
    create_build,
    create_route(LINE_EXPANSIONS),
    create_route(ITEM_EXPANSIONS),
    *(
        route
        for expansions in (BUILD_EXPANSIONS, LINE_EXPANSIONS, ITEM_EXPANSIONS)
        for route in (list_route(expansions), detail_route(expansions))
    ),
]
