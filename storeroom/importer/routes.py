"""`/api/importer/...`: sessions (and their two steps, declared actions) and models; column
mappings and rows are in review_routes.py. Who may see and act on which session: access.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from litestar import Response, delete, get, patch, post, put
from litestar.handlers import HTTPRouteHandler

from storeroom.api import crud
from storeroom.api.actions import ActionCall, action
from storeroom.api.context import Context, RequestContext
from storeroom.api.envelopes import object_body, page_body
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.query import ListQuery
from storeroom.api.routes import list_query
from storeroom.api.uploads import TempFileSink, is_multipart, receive_form
from storeroom.auth.permissions import requires
from storeroom.background.queue import TaskQueue
from storeroom.background.state import queue_of
from storeroom.errors import NotAuthenticated
from storeroom.importer import accept, access, commit, review_routes, service
from storeroom.importer.access import ImportRights
from storeroom.importer.jobs import CREATE_ROWS
from storeroom.importer.resources import SESSION, SIGNED_IN
from storeroom.importer.review_routes import rights_of, visible
from storeroom.importer.schemas import (
    DataImportAcceptRow,
    DataImportSession,
    DataImportSessionUpload,
    ImportableModel,
)
from storeroom.models.registry import BY_MODEL_TYPE

SESSION_PATH = "/importer/session/"
SESSION_DETAIL = "/importer/session/{id:int}/"


def schema(response: Any = None, request: Any = None, **options: Any) -> dict[str, Any]:
    return {"schema": OperationSchema(response=response, request=request, **options)}


async def render_session(
    context: RequestContext, pk: int, status_code: int = 200, rights: ImportRights | None = None
) -> Response[bytes]:
    found = await crud.get_one(context.api, context.tenant, SESSION, pk)
    (rights or await rights_of(context)).require_view(found["model_type"])
    [detailed] = await service.with_details(context.tenant, [found])
    return context.render(object_body(context.dialect, SESSION, detailed), status_code)


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
async def list_sessions(context: Context) -> Response[bytes]:
    tenant, dialect = context.tenant, context.dialect
    query, paging = list_query(SESSION, context.request, dialect)
    resource, query = await visible(context, SESSION, query)
    if query.limit is None:
        unpaged = ListQuery(query.filters, query.ordering, query.search)
        objects = [
            item
            async for chunk in await crud.stream_all(context.api, tenant, resource, unpaged)
            for item in chunk
        ]
        return context.render(await service.with_details(tenant, objects))
    objects, count = await crud.list_page(context.api, tenant, resource, query)
    detailed = await service.with_details(tenant, objects)
    plural = SESSION.plural
    return context.render(page_body(dialect, context.request, plural, detailed, count, paging))


@post(
    SESSION_PATH,
    name="importer-session-create",
    operation_id="importer_session_create",
    opt={**requires("view", SIGNED_IN), **schema(DataImportSession, DataImportSessionUpload)},
)
async def create_session(context: Context) -> Response[bytes]:
    # The upload is streamed to a file as it arrives: the one handler that reads the request.
    request, settings, jobs = context.request, context.settings, queue_of(context)
    if not is_multipart(request):
        # data_file comes only as multipart: a JSON or form body is refused as a missing file.
        body = await context.body()
        await service.create_session(
            context.api, context.tenant, jobs, context.signed_in, body, None
        )
    incoming = settings.data_dir / "imports" / "incoming"
    incoming.mkdir(parents=True, exist_ok=True)

    async def sink_for(field_name: str, filename: str, content_type: str) -> TempFileSink:
        return await TempFileSink.create(incoming, Path(filename).suffix[:16])

    form = await receive_form(request, sink_for, max_file_size=settings.max_body_size)
    try:
        pk = await service.create_session(
            context.api,
            context.tenant,
            jobs,
            context.signed_in,
            {name: values[0] for name, values in form.fields.items()},
            form.files.get("data_file"),
        )
    finally:
        # Whatever the session did not take (other file fields, or all on an error).
        for received in form.files.values():
            await received.sink.abort()
    return await render_session(context, pk, 201)


@delete(
    SESSION_PATH,
    name="importer-session-bulk-delete",
    operation_id="importer_session_destroy",
    status_code=204,
    opt={**requires("view", SIGNED_IN), **schema()},
)
async def delete_sessions(context: Context) -> None:
    condition = crud.bulk_condition(SESSION, await context.body())
    # Only ever the sessions this user may delete, whatever the filter matches.
    mine = sa.and_(condition, (await rights_of(context)).acting_condition())
    await service.delete_sessions(context.api, context.tenant, mine)


@get(
    SESSION_DETAIL,
    name="importer-session-detail",
    operation_id="importer_session_retrieve",
    opt={**requires("view", SIGNED_IN), **schema(DataImportSession)},
)
async def read_session(context: Context) -> Response[bytes]:
    return await render_session(context, crud.parse_pk(context.path_param("id")))


def session_updater(partial: bool) -> HTTPRouteHandler:
    async def update_session(context: Context) -> Response[bytes]:
        pk = crud.parse_pk(context.path_param("id"))
        rights = await rights_of(context)
        await service.update_session(context.tenant, rights, pk, await context.body())
        return await render_session(context, pk, rights=rights)

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
async def delete_session(context: Context) -> None:
    pk = crud.parse_pk(context.path_param("id"))
    tenant = context.tenant
    (await rights_of(context)).require_act(await service.session_state(tenant, pk))
    await service.delete_sessions(context.api, tenant, SESSION.pk == pk)


async def rights_for(call: ActionCall[Any]) -> ImportRights:
    if call.identity is None:
        raise NotAuthenticated()
    return await access.rights_of(call.context.rules, call.identity)


async def accept_session_fields(call: ActionCall[None]) -> Any:
    """Accept the column mappings: the session's rows are then made in the background."""
    session = accept.session_of(call.target)
    await accept.accept_fields(call.connection, await rights_for(call), session)
    # Inside the transaction: a queue out of reach answers 503 and leaves the session at 10.
    jobs = call.service(TaskQueue)  # type: ignore[type-abstract]
    await jobs.submit(CREATE_ROWS, {"account": call.tenant.account, "session": session.id})
    found = await crud.read_back(call.connection, SESSION, session.id)
    [detailed] = await service.details_in(call.connection, [found])
    return object_body(call.dialect, SESSION, detailed)


async def accept_session_rows(call: ActionCall[DataImportAcceptRow]) -> DataImportAcceptRow:
    """Import the chosen rows: at once if they fit in one chunk, else by the queue's workers
    (the session's completed_row_count tells how far they are)."""
    rows = commit.requested_rows({"rows": call.body.rows})
    session = accept.session_of(call.target)
    tenant = call.tenant
    schema_name = tenant.databases.schema_for(tenant.account)
    rules, rights = call.context.rules, await rights_for(call)
    if await accept.accept_rows(call.connection, rules, rights, session, rows, schema_name):
        jobs = call.service(TaskQueue)  # type: ignore[type-abstract]
        await accept.submit_rows(jobs, tenant, session.id, rows)
    table = BY_MODEL_TYPE[session.model_type].table.name
    call.context.counts.invalidate(tenant.account, table)
    return DataImportAcceptRow(rows=rows)


ACCEPT_FIELDS = action(
    SESSION,
    "accept_fields",
    permission=(SIGNED_IN, "view"),
    response=DataImportSession,
    status_code=200,
    run=accept_session_fields,
)
ACCEPT_ROWS = action(
    SESSION,
    "accept_rows",
    permission=(SIGNED_IN, "view"),
    body=DataImportAcceptRow,
    response=DataImportAcceptRow,
    run=accept_session_rows,
)


@get(
    "/importer/models/",
    name="importer-models",
    operation_id="importer_models_retrieve",
    opt={**requires("view", SIGNED_IN), **schema(list[ImportableModel])},
)
async def list_models(context: Context) -> Response[bytes]:
    return context.render(service.importable_models())


routes: list[HTTPRouteHandler] = [
    list_sessions,
    create_session,
    delete_sessions,
    read_session,
    session_updater(partial=False),
    session_updater(partial=True),
    delete_session,
    ACCEPT_FIELDS.route,
    ACCEPT_ROWS.route,
    list_models,
    *review_routes.routes,
]
