"""Route handlers generated from a `Resource`: list, create, bulk delete, detail, PUT, PATCH,
DELETE and metadata, each guarded by the resource's access rule."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import msgspec
from litestar import Request, Response, delete, get, patch, post, put
from litestar.handlers import HTTPRouteHandler
from litestar.response import Stream

from storeroom.api import crud
from storeroom.api.context import Context, RequestContext
from storeroom.api.dialects import Dialect
from storeroom.api.envelopes import (
    Paging,
    list_key,
    object_body,
    ordering_parameter,
    page_body,
    paging_of,
)
from storeroom.api.export import FORMATS, check_format, csv_chunks, json_chunks, xlsx_chunks
from storeroom.api.fields import NULL_CHARACTERS
from storeroom.api.query import ListQuery, for_caller, parse_filters, parse_ordering
from storeroom.api.rendering import render as render  # re-exported for the capabilities
from storeroom.api.resource import Resource
from storeroom.api.validation import convert_body
from storeroom.auth.middleware import caller_of
from storeroom.auth.permissions import requires
from storeroom.errors import Invalid

AnyRequest = Request[Any, Any, Any]


def list_query(
    resource: Resource, request: AnyRequest, dialect: Dialect
) -> tuple[ListQuery, Paging]:
    params = request.query_params
    paging = paging_of(dialect, params)
    parameter = ordering_parameter(dialect)
    search = (params.get("search") or "").strip()
    if "\x00" in search:
        raise Invalid.field("search", NULL_CHARACTERS)
    query = ListQuery(
        filters=parse_filters(resource, params),
        ordering=parse_ordering(resource, params.get(parameter), parameter),
        search=search,
        limit=paging.limit,
        offset=paging.offset,
        caller=caller_of(request.scope),
    )
    return query, paging


async def bare_array(chunks: AsyncIterator[list[dict[str, Any]]]) -> AsyncIterator[bytes]:
    """drf's unpaged list: one JSON array, written chunk by chunk."""
    yield b"["
    first = True
    async for objects in chunks:
        encoded = msgspec.json.encode(objects)[1:-1]
        yield encoded if first else b"," + encoded
        first = False
    yield b"]"


def export_response(
    resource: Resource, chunks: AsyncIterator[list[dict[str, Any]]], chosen: str
) -> Stream:
    names = [spec.name for spec in resource.readable]
    content = {
        "csv": lambda: csv_chunks(names, chunks),
        "json": lambda: json_chunks(chunks),
        "xlsx": lambda: xlsx_chunks(names, chunks),
    }[chosen]()
    filename = f"{resource.model_type}-export.{chosen}"
    return Stream(
        content,
        media_type=FORMATS[chosen],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def scoped_variant(resource: Resource) -> Resource:
    """The resource with its row scope's filter: the list a narrowed caller reads."""
    if resource.row_scope is None:
        return resource
    return dataclasses.replace(
        resource,
        model_type=f"{resource.model_type}-scoped",
        filters=(*resource.filters, resource.row_scope.filter),
    )


async def scoped_query(
    resource: Resource, scoped: Resource, context: RequestContext, query: ListQuery
) -> tuple[Resource, ListQuery]:
    """The list narrowed to the rows the caller may reach, where the resource says so."""
    if resource.row_scope is None:
        return resource, query
    value = await resource.row_scope.value(context.caller)
    if value is None:
        return resource, query
    scope = (resource.row_scope.filter.name, value)
    filters = tuple(sorted((*query.filters, scope), key=lambda item: item[0]))
    return scoped, ListQuery(filters, query.ordering, query.search, query.limit, query.offset)


def expanded(resource: Resource, context: RequestContext) -> Resource:
    """The resource with the nested objects the request asks for (`Resource.expand`)."""
    if resource.expand is None:
        return resource
    return resource.expand(context.query) or resource


def list_route(resource: Resource) -> HTTPRouteHandler:
    scoped = scoped_variant(resource)

    async def list_objects(context: Context) -> Response[Any]:
        api, tenant, dialect = context.api, context.tenant, context.dialect
        query, paging = list_query(resource, context.request, dialect)
        query = await for_caller(resource, query, api.reader)
        chosen, query = await scoped_query(resource, scoped, context, query)
        export = context.query.get("export")
        if export:
            unpaged = ListQuery(query.filters, query.ordering, query.search)
            chunks = await crud.stream_all(api, tenant, chosen, unpaged)
            return export_response(resource, chunks, check_format(export))
        chosen = expanded(chosen, context)
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
        opt={**requires("view", resource.access), "resource": resource, "operation": "list"},
    )(list_objects)


def create_route(resource: Resource) -> HTTPRouteHandler:
    async def create_object(context: Context) -> Response[Any]:
        body = await context.body()
        values, errors = convert_body(resource, body, partial=False, creating=True)
        created = await crud.create(context.api, context.tenant, resource, values, errors)
        return context.render(object_body(context.dialect, resource, created), 201)

    return post(
        list_path(resource),
        name=f"{resource.model_type}-create",
        operation_id=f"{operation_base(resource)}_create",
        opt={**requires("add", resource.access), "resource": resource, "operation": "create"},
    )(create_object)


def bulk_delete_route(resource: Resource) -> HTTPRouteHandler:
    async def bulk_delete_objects(context: Context) -> None:
        body = await context.body()
        await crud.bulk_delete(context.api, context.tenant, resource, body)

    return delete(
        list_path(resource),
        name=f"{resource.model_type}-bulk-delete",
        # DRF names a list's DELETE `_destroy` and the detail one `_destroy_2`; where InvenTree
        # has no bulk DELETE, the detail DELETE keeps `_destroy` and ours is `_bulk_destroy`.
        operation_id=f"{operation_base(resource)}_"
        + ("destroy" if resource.inventree_bulk_delete else "bulk_destroy"),
        status_code=204,
        opt={
            **requires("delete", resource.access),
            "resource": resource,
            "operation": "bulk_delete",
        },
    )(bulk_delete_objects)


def operation_base(resource: Resource) -> str:
    """DRF's operation ids name the path: /api/error-report/ -> error_report_list, ..."""
    return resource.path.strip("/").removeprefix("api/").replace("/", "_").replace("-", "_")


def list_path(resource: Resource) -> str:
    """The path under each API mount: `/api/error-report/` is served at `/error-report/`."""
    return resource.path.removeprefix("/api")


def detail_path(resource: Resource) -> str:
    return list_path(resource).rstrip("/") + "/{id:int}/"


async def reachable(context: RequestContext, resource: Resource, action: str) -> int:
    """The path's pk, once the caller may `action` its row (where the resource scopes rows)."""
    pk = crud.parse_pk(context.path_param("id"))
    if resource.row_scope is not None:
        found = await crud.get_one(context.api, context.tenant, resource, pk)
        await resource.row_scope.check(context.caller, found, action)
    return pk


def detail_route(resource: Resource) -> HTTPRouteHandler:
    async def get_object(context: Context) -> Response[Any]:
        pk = crud.parse_pk(context.path_param("id"))
        found = await crud.get_one(context.api, context.tenant, expanded(resource, context), pk)
        if resource.row_scope is not None:
            await resource.row_scope.check(context.caller, found, "view")
        return context.render(object_body(context.dialect, resource, found))

    return get(
        detail_path(resource),
        name=f"{resource.model_type}-detail",
        operation_id=f"{operation_base(resource)}_retrieve",
        opt={**requires("view", resource.access), "resource": resource, "operation": "detail"},
    )(get_object)


def update_route(resource: Resource, partial: bool) -> HTTPRouteHandler:
    async def update_object(context: Context) -> Response[Any]:
        pk = crud.parse_pk(context.path_param("id"))
        body = await context.body()
        api, tenant = context.api, context.tenant
        if resource.read_only:
            found = await crud.get_one(api, tenant, resource, pk)
        else:
            values, errors = convert_body(resource, body, partial=partial)
            found = await crud.update(api, tenant, resource, pk, values, errors)
        return context.render(object_body(context.dialect, resource, found))

    method, verb = (patch, "partial_update") if partial else (put, "update")
    return method(
        detail_path(resource),
        name=f"{resource.model_type}-{verb}",
        operation_id=f"{operation_base(resource)}_{verb}",
        opt={**requires("change", resource.access), "resource": resource, "operation": verb},
    )(update_object)


def delete_route(resource: Resource) -> HTTPRouteHandler:
    async def delete_object(context: Context) -> None:
        pk = crud.parse_pk(context.path_param("id"))
        await crud.delete(context.api, context.tenant, resource, pk)

    return delete(
        detail_path(resource),
        name=f"{resource.model_type}-destroy",
        operation_id=f"{operation_base(resource)}_destroy"
        + ("_2" if resource.inventree_bulk_delete else ""),
        status_code=204,
        opt={**requires("delete", resource.access), "resource": resource, "operation": "destroy"},
    )(delete_object)


def metadata_routes(resource: Resource) -> list[HTTPRouteHandler]:
    path = list_path(resource).rstrip("/") + "/{id:int}/metadata/"

    async def read(context: Context) -> Response[Any]:
        pk = await reachable(context, resource, "view")
        found = await crud.read_metadata(context.tenant, resource, pk)
        return context.render({"metadata": found})

    def writer(replace: bool) -> Any:
        async def write(context: Context) -> Response[Any]:
            pk = await reachable(context, resource, "change")
            body = await context.body()
            merged = await crud.write_metadata(
                context.tenant, resource, pk, body.get("metadata", {}), replace
            )
            return context.render({"metadata": merged})

        return write

    opt: dict[str, Any] = {"resource": resource, "operation": "metadata"}
    return [
        get(
            path,
            name=f"{resource.model_type}-metadata",
            operation_id=f"{operation_base(resource)}_metadata_retrieve",
            opt={**opt, **requires("view", resource.access)},
        )(read),
        patch(
            path,
            name=f"{resource.model_type}-metadata-patch",
            operation_id=f"{operation_base(resource)}_metadata_partial_update",
            opt={**opt, **requires("change", resource.access)},
        )(writer(False)),
        put(
            path,
            name=f"{resource.model_type}-metadata-put",
            operation_id=f"{operation_base(resource)}_metadata_update",
            opt={**opt, **requires("change", resource.access)},
        )(writer(True)),
    ]


def resource_routes(resource: Resource) -> list[HTTPRouteHandler]:
    """Every endpoint the resource's declared operations ask for, but those its capability
    serves itself."""
    operations = resource.operations - resource.served_by_capability
    routes: list[HTTPRouteHandler] = []
    if "list" in operations:
        routes.append(list_route(resource))
    if "create" in operations and not resource.read_only:
        routes.append(create_route(resource))
    if "bulk_delete" in operations:
        routes.append(bulk_delete_route(resource))
    if "detail" in operations:
        routes.append(detail_route(resource))
    if "update" in operations:
        routes += [update_route(resource, partial=False), update_route(resource, partial=True)]
    if "delete" in operations:
        routes.append(delete_route(resource))
    if resource.has_metadata:
        routes += metadata_routes(resource)
    return routes
