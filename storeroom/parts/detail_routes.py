"""The part and category list, detail, PUT and PATCH, served here rather than by the resource
layer: `starred` is the caller's (parts/stars.py) and a part's PATCH or PUT may carry an image
(multipart, as `Part.uploadImage()` sends it)."""

from __future__ import annotations

from typing import Any

from litestar import Response, get, patch, put
from litestar.handlers import HTTPRouteHandler
from litestar.response import Stream

from storeroom.api import crud
from storeroom.api.context import Context, RequestContext
from storeroom.api.envelopes import list_key, object_body, page_body
from storeroom.api.export import check_format
from storeroom.api.query import ListQuery
from storeroom.api.resource import Resource
from storeroom.api.routes import (
    bare_array,
    detail_path,
    export_response,
    list_path,
    list_query,
    operation_base,
)
from storeroom.attachments.storage.store import FileStore
from storeroom.auth.permissions import requires
from storeroom.models.part import PART, PART_CATEGORY
from storeroom.parts import part_updates, stars
from storeroom.parts.image_upload import read_part_write


def user_of(context: RequestContext) -> int | None:
    """The caller's user, whose stars are answered (the system identity has none)."""
    identity = context.identity
    return None if identity is None or identity.is_system else identity.user_id


def store_of(context: RequestContext) -> FileStore:
    return context.service(FileStore)  # type: ignore[type-abstract]


def opt(resource: Resource, action: str, operation: str) -> dict[str, Any]:
    return {**requires(action, resource.access), "resource": resource, "operation": operation}


def list_route(resource: Resource) -> HTTPRouteHandler:
    starred_resource = stars.with_star_filters(resource)

    async def list_objects(context: Context) -> Response[Any]:
        api, tenant, dialect = context.api, context.tenant, context.dialect
        query, paging = list_query(resource, context.request, dialect)
        user = user_of(context)
        query, names_stars = stars.caller_query(query, user)
        chosen = starred_resource if names_stars else resource
        export = context.query.get("export")
        if export or query.limit is None:
            chosen_format = check_format(export) if export else ""
            unpaged = ListQuery(query.filters, query.ordering, query.search)
            chunks = await crud.stream_all(api, tenant, chosen, unpaged)
            marked = stars.mark_chunks(tenant, resource.model_type, user, chunks)
            if export:
                return export_response(resource, marked, chosen_format)
            return Stream(bare_array(marked), media_type="application/json")
        objects, count = await crud.list_page(api, tenant, chosen, query)
        objects = await stars.mark(tenant, resource.model_type, user, objects)
        page = page_body(dialect, context.request, list_key(resource), objects, count, paging)
        return context.render(page)

    return get(
        list_path(resource),
        name=f"{resource.model_type}-list",
        operation_id=f"{operation_base(resource)}_list",
        opt=opt(resource, "view", "list"),
    )(list_objects)


def detail_route(resource: Resource) -> HTTPRouteHandler:
    async def get_object(context: Context) -> Response[Any]:
        pk = crud.parse_pk(context.path_param("id"))
        found = await crud.get_one(context.api, context.tenant, resource, pk)
        marked = await stars.mark(context.tenant, resource.model_type, user_of(context), [found])
        return context.render(object_body(context.dialect, resource, marked[0]))

    return get(
        detail_path(resource),
        name=f"{resource.model_type}-detail",
        operation_id=f"{operation_base(resource)}_retrieve",
        opt=opt(resource, "view", "detail"),
    )(get_object)


def category_update_route(partial: bool) -> HTTPRouteHandler:
    async def update_category(context: Context) -> Response[Any]:
        pk = crud.parse_pk(context.path_param("id"))
        updated = await part_updates.update_object(
            context.api,
            context.tenant,
            PART_CATEGORY,
            pk,
            await context.body(),
            partial,
            user_of(context),
        )
        return context.render(object_body(context.dialect, PART_CATEGORY, updated))

    handler: HTTPRouteHandler = update_method(PART_CATEGORY, partial)(update_category)
    return handler


def part_update_route(partial: bool) -> HTTPRouteHandler:
    async def update_part(context: Context) -> Response[Any]:
        pk = crud.parse_pk(context.path_param("id"))
        written = await read_part_write(context)
        try:
            updated = await part_updates.update_part(
                context.api,
                store_of(context),
                context.tenant,
                pk,
                written,
                partial,
                user_of(context),
            )
        finally:
            await written.discard()
        return context.render(object_body(context.dialect, PART, updated))

    # The image streams to a temporary file: the body may be larger than the app's limit.
    handler: HTTPRouteHandler = update_method(PART, partial, request_max_body_size=None)(
        update_part
    )
    return handler


def update_method(resource: Resource, partial: bool, **options: Any) -> Any:
    method, verb = (patch, "partial_update") if partial else (put, "update")
    return method(
        detail_path(resource),
        name=f"{resource.model_type}-{verb}",
        operation_id=f"{operation_base(resource)}_{verb}",
        opt=opt(resource, "change", verb),
        **options,
    )


DETAIL_ROUTES = [
    list_route(PART),
    detail_route(PART),
    part_update_route(partial=False),
    part_update_route(partial=True),
    list_route(PART_CATEGORY),
    detail_route(PART_CATEGORY),
    category_update_route(partial=False),
    category_update_route(partial=True),
]
