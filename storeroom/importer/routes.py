"""`/api/importer/...`: sessions (and their two steps) and models; column mappings and rows are in
review_routes.py. Who may see and act on which session: access.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from litestar import Request, Response, delete, get, patch, post, put
from litestar.handlers import HTTPRouteHandler

from storeroom.api import crud
from storeroom.api.bodies import read_body
from storeroom.api.context import api_context, require_identity, tenant_of
from storeroom.api.dialects import dialect_of
from storeroom.api.envelopes import object_body, page_body
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.query import ListQuery
from storeroom.api.routes import list_query, render
from storeroom.api.uploads import TempFileSink, is_multipart, receive_form
from storeroom.auth.permissions import requires
from storeroom.importer import review_routes, service
from storeroom.importer.access import ImportRights
from storeroom.importer.jobs import Jobs
from storeroom.importer.resources import SESSION, SIGNED_IN
from storeroom.importer.review_routes import rights_of, visible
from storeroom.importer.schemas import (
    DataImportAcceptRow,
    DataImportSession,
    DataImportSessionUpload,
    ImportableModel,
)

AnyRequest = Request[Any, Any, Any]
SESSION_PATH = "/importer/session/"
SESSION_DETAIL = "/importer/session/{id:int}/"


def jobs_of(request: AnyRequest) -> Jobs:
    jobs: Jobs = request.app.state.background_queue
    return jobs


def schema(response: Any = None, request: Any = None, **options: Any) -> dict[str, Any]:
    return {"schema": OperationSchema(response=response, request=request, **options)}


async def render_session(
    request: AnyRequest, pk: int, status_code: int = 200, rights: ImportRights | None = None
) -> Response[bytes]:
    tenant = tenant_of(request)
    found = await crud.get_one(api_context(request), tenant, SESSION, pk)
    (rights or await rights_of(request)).require_view(found["model_type"])
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
    resource, query = await visible(request, SESSION, query)
    if query.limit is None:
        unpaged = ListQuery(query.filters, query.ordering, query.search)
        objects = [
            item
            async for chunk in await crud.stream_all(context, tenant, resource, unpaged)
            for item in chunk
        ]
        return render(request, await service.with_details(tenant, objects))
    objects, count = await crud.list_page(context, tenant, resource, query)
    detailed = await service.with_details(tenant, objects)
    return render(request, page_body(dialect, request, SESSION.plural, detailed, count, paging))


@post(
    SESSION_PATH,
    name="importer-session-create",
    operation_id="importer_session_create",
    opt={**requires("view", SIGNED_IN), **schema(DataImportSession, DataImportSessionUpload)},
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
    # Only ever the sessions this user may delete, whatever the filter matches.
    mine = sa.and_(condition, (await rights_of(request)).acting_condition())
    await service.delete_sessions(api_context(request), tenant_of(request), mine)


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
        rights = await rights_of(request)
        await service.update_session(tenant_of(request), rights, pk, await read_body(request))
        return await render_session(request, pk, rights=rights)

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
    (await rights_of(request)).require_act(await service.session_state(tenant, pk))
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
    rights = await rights_of(request)
    await service.accept_fields(tenant_of(request), jobs_of(request), rights, pk)
    return await render_session(request, pk, rights=rights)


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
        await rights_of(request),
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
    *review_routes.routes,
]
