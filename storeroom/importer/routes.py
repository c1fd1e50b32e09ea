"""`/api/importer/...`: sessions (and their two steps), column mappings, rows and models."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Literal

from litestar import Request, Response, delete, get, patch, post, put
from litestar.handlers import HTTPRouteHandler
from litestar.response import Stream

from storeroom.api import crud
from storeroom.api.bodies import read_body
from storeroom.api.context import api_context, require_identity, tenant_of
from storeroom.api.dialects import dialect_of
from storeroom.api.envelopes import object_body, page_body
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.query import ListQuery
from storeroom.api.routes import bare_array, list_query, render, resource_routes
from storeroom.api.uploads import TempFileSink, is_multipart, receive_form
from storeroom.auth.permissions import requires
from storeroom.errors import NotFound
from storeroom.importer import review, service
from storeroom.importer.jobs import Jobs
from storeroom.importer.resources import COLUMN_MAPPING, ROW, SESSION, SIGNED_IN, raw_json
from storeroom.importer.schemas import DataImportAcceptRow, DataImportSession, ImportableModel

AnyRequest = Request[Any, Any, Any]
SESSION_PATH = "/importer/session/"
SESSION_DETAIL = "/importer/session/{id:int}/"


def jobs_of(request: AnyRequest) -> Jobs:
    jobs: Jobs = request.app.state.importer_jobs
    return jobs


def schema(response: Any = None, request: Any = None, **options: Any) -> dict[str, Any]:
    return {"schema": OperationSchema(response=response, request=request, **options)}


async def render_session(request: AnyRequest, pk: int, status_code: int = 200) -> Response[bytes]:
    tenant = tenant_of(request)
    found = await crud.get_one(api_context(request), tenant, SESSION, pk)
    [detailed] = await service.with_details(tenant, [found])
    return render(request, object_body(dialect_of(request.scope), SESSION, detailed), status_code)


@get(
    SESSION_PATH,
    name="importer-session-list",
    operation_id="importer_session_list",
    opt={
        **requires("view", SIGNED_IN),
        **schema(
            list[DataImportSession],
            paginated=True,
            query={
                "model_type": str,
                "status": Literal[0, 10, 20, 30, 40],
                "user": int,
                "ordering": str,
                "search": str,
            },
        ),
    },
)
async def list_sessions(request: AnyRequest) -> Response[bytes]:
    context, tenant, dialect = api_context(request), tenant_of(request), dialect_of(request.scope)
    query, paging = list_query(SESSION, request, dialect)
    if query.limit is None:
        unpaged = ListQuery(query.filters, query.ordering, query.search)
        objects = [
            item
            async for chunk in await crud.stream_all(context, tenant, SESSION, unpaged)
            for item in chunk
        ]
        return render(request, await service.with_details(tenant, objects))
    objects, count = await crud.list_page(context, tenant, SESSION, query)
    detailed = await service.with_details(tenant, objects)
    return render(request, page_body(dialect, request, SESSION.plural, detailed, count, paging))


@post(
    SESSION_PATH,
    name="importer-session-create",
    operation_id="importer_session_create",
    opt={**requires("view", SIGNED_IN), **schema(DataImportSession, DataImportSession)},
)
async def create_session(request: AnyRequest) -> Response[bytes]:
    context = api_context(request)
    if not is_multipart(request):
        # data_file comes only as multipart: a JSON or form body is refused as a missing file.
        body = await read_body(request)
        await service.create_session(
            context, tenant_of(request), jobs_of(request), require_identity(request), body, None
        )
    incoming = context.settings.data_dir / "imports" / "incoming"
    incoming.mkdir(parents=True, exist_ok=True)

    async def sink_for(field_name: str, filename: str, content_type: str) -> TempFileSink:
        return await TempFileSink.create(incoming, Path(filename).suffix[:16])

    form = await receive_form(request, sink_for, max_file_size=context.settings.max_body_size)
    try:
        pk = await service.create_session(
            context,
            tenant_of(request),
            jobs_of(request),
            require_identity(request),
            {name: values[0] for name, values in form.fields.items()},
            form.files.get("data_file"),
        )
    finally:
        # Whatever the session did not take (other file fields, or all on an error).
        for received in form.files.values():
            await received.sink.abort()
    return await render_session(request, pk, 201)


@delete(
    SESSION_PATH,
    name="importer-session-bulk-delete",
    operation_id="importer_session_destroy",
    status_code=204,
    opt={**requires("view", SIGNED_IN), **schema()},
)
async def delete_sessions(request: AnyRequest) -> None:
    condition = crud.bulk_condition(SESSION, await read_body(request))
    await service.delete_sessions(api_context(request), tenant_of(request), condition)


@get(
    SESSION_DETAIL,
    name="importer-session-detail",
    operation_id="importer_session_retrieve",
    opt={**requires("view", SIGNED_IN), **schema(DataImportSession)},
)
async def read_session(request: AnyRequest) -> Response[bytes]:
    return await render_session(request, crud.parse_pk(request.path_params["id"]))


def session_updater(partial: bool) -> HTTPRouteHandler:
    async def update_session(request: AnyRequest) -> Response[bytes]:
        pk = crud.parse_pk(request.path_params["id"])
        await service.update_session(tenant_of(request), pk, await read_body(request))
        return await render_session(request, pk)

    method, verb = (patch, "partial_update") if partial else (put, "update")
    return method(
        SESSION_DETAIL,
        name=f"importer-session-{verb}",
        operation_id=f"importer_session_{verb}",
        opt={
            **requires("view", SIGNED_IN),
            **schema(DataImportSession, DataImportSession, partial=partial),
        },
    )(update_session)


@delete(
    SESSION_DETAIL,
    name="importer-session-destroy",
    operation_id="importer_session_destroy_2",
    status_code=204,
    opt={**requires("view", SIGNED_IN), **schema()},
)
async def delete_session(request: AnyRequest) -> None:
    pk = crud.parse_pk(request.path_params["id"])
    tenant = tenant_of(request)
    await service.session_state(tenant, pk)
    await service.delete_sessions(api_context(request), tenant, SESSION.pk == pk)


@post(
    "/importer/session/{id:int}/accept_fields/",
    name="importer-session-accept-fields",
    operation_id="importer_session_accept_fields_create",
    status_code=200,
    opt={**requires("view", SIGNED_IN), **schema(DataImportSession)},
)
async def accept_fields(request: AnyRequest) -> Response[bytes]:
    pk = crud.parse_pk(request.path_params["id"])
    await service.accept_fields(tenant_of(request), jobs_of(request), pk)
    return await render_session(request, pk)


@post(
    "/importer/session/{id:int}/accept_rows/",
    name="importer-session-accept-rows",
    operation_id="importer_session_accept_rows_create",
    opt={**requires("view", SIGNED_IN), **schema(DataImportAcceptRow, DataImportAcceptRow)},
)
async def accept_rows(request: AnyRequest) -> Response[bytes]:
    pk = crud.parse_pk(request.path_params["id"])
    rows = await service.accept_rows(
        api_context(request),
        tenant_of(request),
        require_identity(request),
        pk,
        await read_body(request),
    )
    return render(request, {"rows": rows}, 201)


@get(
    "/importer/models/",
    name="importer-models",
    operation_id="importer_models_retrieve",
    opt={**requires("view", SIGNED_IN), **schema(list[ImportableModel])},
)
async def list_models(request: AnyRequest) -> Response[bytes]:
    return render(request, service.importable_models())


def resource_updater(resource: Any, partial: bool, change: Any) -> HTTPRouteHandler:
    """PUT/PATCH on a mapping or a row: the state rules are the importer's, the answer the
    resource's detail."""

    async def update_object(request: AnyRequest) -> Response[bytes]:
        pk = crud.parse_pk(request.path_params["id"])
        tenant = tenant_of(request)
        await change(tenant, pk, await read_body(request))
        found = await crud.get_one(api_context(request), tenant, resource, pk)
        if resource is ROW:
            [found] = raw_json([found])
        return render(request, object_body(dialect_of(request.scope), resource, found))

    method, verb = (patch, "partial_update") if partial else (put, "update")
    base = resource.path.strip("/").removeprefix("api/").replace("/", "_").replace("-", "_")
    return method(
        resource.path.removeprefix("/api").rstrip("/") + "/{id:int}/",
        name=f"{resource.model_type}-{verb}",
        operation_id=f"{base}_{verb}",
        opt={**requires("view", SIGNED_IN), "resource": resource, "operation": verb},
    )(update_object)


@get(
    "/importer/row/",
    name="importer-row-list",
    operation_id="importer_row_list",
    opt={**requires("view", SIGNED_IN), "resource": ROW, "operation": "list"},
)
async def list_rows(request: AnyRequest) -> Response[Any]:
    context, tenant, dialect = api_context(request), tenant_of(request), dialect_of(request.scope)
    query, paging = list_query(ROW, request, dialect)
    if query.limit is None:
        chunks = await crud.stream_all(context, tenant, ROW, query)
        return Stream(bare_array(raw_chunks(chunks)), media_type="application/json")
    objects, count = await crud.list_page(context, tenant, ROW, query)
    return render(
        request, page_body(dialect, request, ROW.plural, raw_json(objects), count, paging)
    )


async def raw_chunks(
    chunks: AsyncIterator[list[dict[str, Any]]],
) -> AsyncIterator[list[dict[str, Any]]]:
    async for objects in chunks:
        yield raw_json(objects)


@get(
    "/importer/row/{id:int}/",
    name="importer-row-detail",
    operation_id="importer_row_retrieve",
    opt={**requires("view", SIGNED_IN), "resource": ROW, "operation": "detail"},
)
async def read_row(request: AnyRequest) -> Response[bytes]:
    pk = crud.parse_pk(request.path_params["id"])
    [found] = raw_json([await crud.get_one(api_context(request), tenant_of(request), ROW, pk)])
    return render(request, object_body(dialect_of(request.scope), ROW, found))


@delete(
    "/importer/row/{id:int}/",
    name="importer-row-destroy",
    operation_id="importer_row_destroy_2",
    status_code=204,
    opt={**requires("view", SIGNED_IN), "resource": ROW, "operation": "destroy"},
)
async def delete_row(request: AnyRequest) -> None:
    pk = crud.parse_pk(request.path_params["id"])
    if not await review.delete_rows(tenant_of(request), ROW.pk == pk):
        raise NotFound()


@delete(
    "/importer/row/",
    name="importer-row-bulk-delete",
    operation_id="importer_row_destroy",
    status_code=204,
    opt={**requires("view", SIGNED_IN), "resource": ROW, "operation": "bulk_delete"},
)
async def delete_rows(request: AnyRequest) -> None:
    condition = crud.bulk_condition(ROW, await read_body(request))
    await review.delete_rows(tenant_of(request), condition)


routes: list[HTTPRouteHandler] = [
    list_sessions,
    create_session,
    delete_sessions,
    read_session,
    session_updater(partial=False),
    session_updater(partial=True),
    delete_session,
    accept_fields,
    accept_rows,
    list_models,
    *resource_routes(COLUMN_MAPPING),
    resource_updater(COLUMN_MAPPING, False, review.update_mapping),
    resource_updater(COLUMN_MAPPING, True, review.update_mapping),
    list_rows,
    read_row,
    resource_updater(ROW, False, review.update_row),
    resource_updater(ROW, True, review.update_row),
    delete_row,
    delete_rows,
]
