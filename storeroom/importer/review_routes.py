"""`/api/importer/column-mapping/` and `/api/importer/row/`: what a client reviews and changes
between a session's two steps. Each list shows only the sessions of models the user may view
(access.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from litestar import Response, delete, get, patch, put
from litestar.handlers import HTTPRouteHandler
from litestar.response import Stream

from storeroom.api import crud
from storeroom.api.context import Context, RequestContext
from storeroom.api.envelopes import object_body, page_body
from storeroom.api.query import ListQuery
from storeroom.api.resource import Resource
from storeroom.api.routes import bare_array, detail_path, list_query, operation_base
from storeroom.auth.permissions import requires
from storeroom.db.tenant_db import TenantDb
from storeroom.importer import access, review, service
from storeroom.importer.access import ImportRights
from storeroom.importer.resources import (
    COLUMN_MAPPING,
    ROW,
    SCOPED_COLUMN_MAPPING,
    SCOPED_ROW,
    SCOPED_SESSION,
    SESSION,
    SIGNED_IN,
    raw_json,
)

Change = Callable[[TenantDb, ImportRights, int, dict[str, Any]], Awaitable[None]]
SCOPED = {
    resource.model_type: scoped
    for resource, scoped in (
        (SESSION, SCOPED_SESSION),
        (COLUMN_MAPPING, SCOPED_COLUMN_MAPPING),
        (ROW, SCOPED_ROW),
    )
}


async def rights_of(context: RequestContext) -> ImportRights:
    return await access.rights_of(context.api.rules, context.signed_in)


async def visible(
    context: RequestContext, resource: Resource, query: ListQuery
) -> tuple[Resource, ListQuery]:
    """A list narrowed to the import data of the models the user may view (the scoped resource
    compiles its own statements and counts apart)."""
    scope = (await rights_of(context)).viewable_scope()
    if scope is None:
        return resource, query
    filters = tuple(sorted((*query.filters, ("viewable", scope)), key=lambda item: item[0]))
    query = ListQuery(filters, query.ordering, query.search, query.limit, query.offset)
    return SCOPED[resource.model_type], query


async def read_visible(
    context: RequestContext, resource: Resource, pk: int, rights: ImportRights | None = None
) -> dict[str, Any]:
    """One mapping or row, if the user may view its session's model."""
    tenant = context.tenant
    found = await crud.get_one(context.api, tenant, resource, pk)
    session = await service.session_state(tenant, found["session"])
    (rights or await rights_of(context)).require_view(session.model_type)
    return raw_json([found])[0] if resource is ROW else found


def opt(resource: Resource, operation: str) -> dict[str, Any]:
    return {**requires("view", SIGNED_IN), "resource": resource, "operation": operation}


def reader(resource: Resource, name: str) -> HTTPRouteHandler:
    async def read_object(context: Context) -> Response[bytes]:
        found = await read_visible(context, resource, crud.parse_pk(context.path_param("id")))
        return context.render(object_body(context.dialect, resource, found))

    return get(
        detail_path(resource),
        name=name,
        operation_id=f"{operation_base(resource)}_retrieve",
        opt=opt(resource, "detail"),
    )(read_object)


def updater(resource: Resource, partial: bool, change: Change) -> HTTPRouteHandler:
    """PUT/PATCH on a mapping or a row: the state rules are the importer's, the answer the
    resource's detail."""

    async def update_object(context: Context) -> Response[bytes]:
        pk = crud.parse_pk(context.path_param("id"))
        rights = await rights_of(context)
        await change(context.tenant, rights, pk, await context.body())
        found = await read_visible(context, resource, pk, rights)
        return context.render(object_body(context.dialect, resource, found))

    method, verb = (patch, "partial_update") if partial else (put, "update")
    return method(
        detail_path(resource),
        name=f"{resource.model_type}-{verb}",
        operation_id=f"{operation_base(resource)}_{verb}",
        opt=opt(resource, verb),
    )(update_object)


@get(
    "/importer/column-mapping/",
    name=f"{COLUMN_MAPPING.model_type}-list",
    operation_id="importer_column_mapping_list",
    opt=opt(COLUMN_MAPPING, "list"),
)
async def list_mappings(context: Context) -> Response[Any]:
    tenant, dialect, request = context.tenant, context.dialect, context.request
    query, paging = list_query(COLUMN_MAPPING, request, dialect)
    resource, query = await visible(context, COLUMN_MAPPING, query)
    if query.limit is None:
        chunks = await crud.stream_all(context.api, tenant, resource, query)
        return Stream(bare_array(chunks), media_type="application/json")
    objects, count = await crud.list_page(context.api, tenant, resource, query)
    plural = COLUMN_MAPPING.plural
    return context.render(page_body(dialect, request, plural, objects, count, paging))


@get(
    "/importer/row/",
    name="importer-row-list",
    operation_id="importer_row_list",
    opt=opt(ROW, "list"),
)
async def list_rows(context: Context) -> Response[Any]:
    tenant, dialect, request = context.tenant, context.dialect, context.request
    query, paging = list_query(ROW, request, dialect)
    resource, query = await visible(context, ROW, query)
    if query.limit is None:
        chunks = await crud.stream_all(context.api, tenant, resource, query)
        return Stream(bare_array(raw_chunks(chunks)), media_type="application/json")
    objects, count = await crud.list_page(context.api, tenant, resource, query)
    return context.render(page_body(dialect, request, ROW.plural, raw_json(objects), count, paging))


async def raw_chunks(
    chunks: AsyncIterator[list[dict[str, Any]]],
) -> AsyncIterator[list[dict[str, Any]]]:
    async for objects in chunks:
        yield raw_json(objects)


@delete(
    "/importer/row/{id:int}/",
    name="importer-row-destroy",
    operation_id="importer_row_destroy_2",
    status_code=204,
    opt=opt(ROW, "destroy"),
)
async def delete_row(context: Context) -> None:
    pk = crud.parse_pk(context.path_param("id"))
    await review.delete_row(context.tenant, await rights_of(context), pk)


@delete(
    "/importer/row/",
    name="importer-row-bulk-delete",
    operation_id="importer_row_destroy",
    status_code=204,
    opt=opt(ROW, "bulk_delete"),
)
async def delete_rows(context: Context) -> None:
    condition = crud.bulk_condition(ROW, await context.body())
    await review.delete_rows(context.tenant, await rights_of(context), condition)


routes: list[HTTPRouteHandler] = [
    list_mappings,
    reader(COLUMN_MAPPING, f"{COLUMN_MAPPING.model_type}-detail"),
    updater(COLUMN_MAPPING, False, review.update_mapping),
    updater(COLUMN_MAPPING, True, review.update_mapping),
    list_rows,
    reader(ROW, "importer-row-detail"),
    updater(ROW, False, review.update_row),
    updater(ROW, True, review.update_row),
    delete_row,
    delete_rows,
]
