"""Route handlers generated from a `Resource`: list, create, bulk delete, detail, PUT, PATCH,
DELETE and metadata, each guarded by the resource's access rule."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import msgspec
from litestar import Request, Response, delete, get, patch, post, put
from litestar.handlers import HTTPRouteHandler
from litestar.response import Stream

from storeroom.api import crud
from storeroom.api.bodies import read_body
from storeroom.api.casing import camel_keys
from storeroom.api.context import api_context, tenant_of
from storeroom.api.dialects import Dialect, dialect_of
from storeroom.api.envelopes import (
    Paging,
    djblets_body,
    list_key,
    object_body,
    ordering_parameter,
    page_body,
    paging_of,
)
from storeroom.api.error_rendering import wants_xml
from storeroom.api.export import FORMATS, check_format, csv_chunks, json_chunks, xlsx_chunks
from storeroom.api.fields import NULL_CHARACTERS
from storeroom.api.query import ListQuery, parse_filters, parse_ordering
from storeroom.api.resource import Resource
from storeroom.api.validation import convert_body
from storeroom.api.xml import to_xml
from storeroom.auth.permissions import requires
from storeroom.errors import Invalid

AnyRequest = Request[Any, Any, Any]


def render(request: AnyRequest, body: Any, status_code: int = 200) -> Response[bytes]:
    """Encode a body in the request's format: JSON, or XML for Djblets when asked. A list that a
    GET answers is paged in the dialects that always page (DEEP, RBAC, Djblets)."""
    dialect = dialect_of(request.scope)
    if isinstance(body, list) and dialect is not Dialect.DRF and request.method == "GET":
        body = list_page(request, dialect, body)
    if dialect is Dialect.DEEP:
        body = camel_keys(body)
    elif dialect is Dialect.DJBLETS:
        body = djblets_body(body)
        if wants_xml(request):
            return Response(to_xml(body), status_code=status_code, media_type="application/xml")
    return Response(
        msgspec.json.encode(body), status_code=status_code, media_type="application/json"
    )


def list_page(request: AnyRequest, dialect: Dialect, items: list[Any]) -> dict[str, Any]:
    """One page of a list held in memory; under Djblets keyed by the path's last word
    (`/api/importer/models/` -> `models`)."""
    paging = paging_of(dialect, request.query_params)
    page = items[paging.offset : paging.offset + (paging.limit or 0)]
    template = str(request.scope.get("path_template") or request.url.path)
    name = template.rstrip("/").rsplit("/", 1)[-1].replace("-", "_")
    return page_body(dialect, request, name, page, len(items), paging)


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


def list_route(resource: Resource) -> HTTPRouteHandler:
    async def list_objects(request: AnyRequest) -> Response[Any]:
        context = api_context(request)
        tenant = tenant_of(request)
        dialect = dialect_of(request.scope)
        query, paging = list_query(resource, request, dialect)
        export = request.query_params.get("export")
        if export:
            unpaged = ListQuery(query.filters, query.ordering, query.search)
            chunks = await crud.stream_all(context, tenant, resource, unpaged)
            return export_response(resource, chunks, check_format(export))
        if query.limit is None:
            chunks = await crud.stream_all(context, tenant, resource, query)
            return Stream(bare_array(chunks), media_type="application/json")
        objects, count = await crud.list_page(context, tenant, resource, query)
        return render(
            request,
            page_body(
                dialect,
                request,
                list_key(resource),
                objects,
                count,
                paging,
            ),
        )

    return get(
        list_path(resource),
        name=f"{resource.model_type}-list",
        operation_id=f"{operation_base(resource)}_list",
        opt={**requires("view", resource.access), "resource": resource, "operation": "list"},
    )(list_objects)


def create_route(resource: Resource) -> HTTPRouteHandler:
    async def create_object(request: AnyRequest) -> Response[Any]:
        dialect = dialect_of(request.scope)
        body = await read_body(request)
        values, errors = convert_body(resource, body, partial=False, creating=True)
        created = await crud.create(
            api_context(request), tenant_of(request), resource, values, errors
        )
        return render(request, object_body(dialect, resource, created), 201)

    return post(
        list_path(resource),
        name=f"{resource.model_type}-create",
        operation_id=f"{operation_base(resource)}_create",
        opt={**requires("add", resource.access), "resource": resource, "operation": "create"},
    )(create_object)


def bulk_delete_route(resource: Resource) -> HTTPRouteHandler:
    async def bulk_delete_objects(request: AnyRequest) -> None:
        body = await read_body(request)
        await crud.bulk_delete(api_context(request), tenant_of(request), resource, body)

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


def detail_route(resource: Resource) -> HTTPRouteHandler:
    async def get_object(request: AnyRequest) -> Response[Any]:
        dialect = dialect_of(request.scope)
        pk = crud.parse_pk(request.path_params["id"])
        found = await crud.get_one(api_context(request), tenant_of(request), resource, pk)
        return render(request, object_body(dialect, resource, found))

    return get(
        detail_path(resource),
        name=f"{resource.model_type}-detail",
        operation_id=f"{operation_base(resource)}_retrieve",
        opt={**requires("view", resource.access), "resource": resource, "operation": "detail"},
    )(get_object)


def update_route(resource: Resource, partial: bool) -> HTTPRouteHandler:
    async def update_object(request: AnyRequest) -> Response[Any]:
        dialect = dialect_of(request.scope)
        pk = crud.parse_pk(request.path_params["id"])
        body = await read_body(request)
        context, tenant = api_context(request), tenant_of(request)
        if resource.read_only:
            found = await crud.get_one(context, tenant, resource, pk)
        else:
            values, errors = convert_body(resource, body, partial=partial)
            found = await crud.update(context, tenant, resource, pk, values, errors)
        return render(request, object_body(dialect, resource, found))

    method, verb = (patch, "partial_update") if partial else (put, "update")
    return method(
        detail_path(resource),
        name=f"{resource.model_type}-{verb}",
        operation_id=f"{operation_base(resource)}_{verb}",
        opt={**requires("change", resource.access), "resource": resource, "operation": verb},
    )(update_object)


def delete_route(resource: Resource) -> HTTPRouteHandler:
    async def delete_object(request: AnyRequest) -> None:
        pk = crud.parse_pk(request.path_params["id"])
        await crud.delete(api_context(request), tenant_of(request), resource, pk)

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

    async def read(request: AnyRequest) -> Response[Any]:
        pk = crud.parse_pk(request.path_params["id"])
        found = await crud.read_metadata(tenant_of(request), resource, pk)
        return render(request, {"metadata": found})

    def writer(replace: bool) -> Any:
        async def write(request: AnyRequest) -> Response[Any]:
            pk = crud.parse_pk(request.path_params["id"])
            body = await read_body(request)
            merged = await crud.write_metadata(
                tenant_of(request), resource, pk, body.get("metadata", {}), replace
            )
            return render(request, {"metadata": merged})

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
    """Every endpoint the resource's declared operations ask for."""
    operations = resource.operations
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
