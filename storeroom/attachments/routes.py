"""`/api/attachment/`: list, upload or link, bulk delete, detail, PUT, PATCH, delete, metadata,
and the download of the file itself (the `attachment` field's URL)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, get, patch, post, put
from litestar.response import Stream

from storeroom.api import crud
from storeroom.api.bodies import read_body
from storeroom.api.casing import snake_keys
from storeroom.api.context import api_context, require_identity, tenant_of
from storeroom.api.dialects import Dialect, dialect_of
from storeroom.api.envelopes import object_body, page_body
from storeroom.api.export import check_format
from storeroom.api.query import ListQuery
from storeroom.api.routes import bare_array, export_response, list_query, render
from storeroom.api.uploads import FileSink, ReceivedFile, ReceivedForm, is_multipart, receive_form
from storeroom.attachments import access, service
from storeroom.attachments.download import media_type, open_download, stored_file
from storeroom.attachments.resource import ATTACHMENT, MODEL_TYPES, SCOPED
from storeroom.attachments.storage.store import FileStore
from storeroom.auth.permissions import requires
from storeroom.errors import Invalid

AnyRequest = Request[Any, Any, Any]
Upload = tuple[str, ReceivedFile] | None
NOT_A_FILE = "The submitted data was not a file. Check the encoding type on the form."
LIST, DETAIL = "/attachment/", "/attachment/{id:int}/"


def store_of(request: AnyRequest) -> FileStore:
    store: FileStore = request.app.state.attachment_store
    return store


def opt(action: str, operation: str) -> dict[str, Any]:
    return {**requires(action, ATTACHMENT.access), "resource": ATTACHMENT, "operation": operation}


async def read_upload(request: AnyRequest) -> tuple[dict[str, Any], Upload, ReceivedForm | None]:
    """The body's fields, and the uploaded file (already in storage) if there is one."""
    account = tenant_of(request).account
    if not is_multipart(request):
        # Bounded by the app's body limit, although this route lifts Litestar's for its files.
        plain = await read_body(request)
        if plain.get("attachment") not in (None, ""):
            raise Invalid.field("attachment", NOT_A_FILE)
        return plain, None, None
    store, keys = store_of(request), {}

    async def sink_for(field_name: str, filename: str, content_type: str) -> FileSink:
        if field_name != "attachment":
            raise Invalid.field(field_name, "Only the `attachment` field takes a file.")
        keys[field_name], sink = await service.open_upload(store, account, filename)
        return sink

    settings = api_context(request).settings
    form = await receive_form(request, sink_for, max_file_size=settings.attachment_max_size)
    body: dict[str, Any] = {
        name: found[0] if len(found) == 1 else found for name, found in form.fields.items()
    }
    if dialect_of(request.scope) is Dialect.DEEP:
        body = snake_keys(body)
    received = form.files.get("attachment")
    if received is None and body.get("attachment") not in (None, ""):
        await form.abort()
        raise Invalid.field("attachment", NOT_A_FILE)
    body.pop("attachment", None)
    return body, (keys["attachment"], received) if received else None, form


@get(LIST, name="attachment-list", operation_id="attachment_list", opt=opt("view", "list"))
async def list_attachments(request: AnyRequest) -> Response[Any]:
    context, tenant = api_context(request), tenant_of(request)
    dialect = dialect_of(request.scope)
    query, paging = list_query(ATTACHMENT, request, dialect)
    resource = ATTACHMENT
    viewable = await access.permitted_types(context.rules, require_identity(request), "view")
    if len(viewable) < len(MODEL_TYPES):
        resource = SCOPED
        scope = ("viewable", "," + ",".join(sorted(viewable)) + ",")
        filters = tuple(sorted((*query.filters, scope), key=lambda item: item[0]))
        query = ListQuery(filters, query.ordering, query.search, query.limit, query.offset)
    export = request.query_params.get("export")
    if export:
        unpaged = ListQuery(query.filters, query.ordering, query.search)
        chunks = await crud.stream_all(context, tenant, resource, unpaged)
        return export_response(ATTACHMENT, chunks, check_format(export))
    if query.limit is None:
        chunks = await crud.stream_all(context, tenant, resource, query)
        return Stream(bare_array(chunks), media_type="application/json")
    objects, count = await crud.list_page(context, tenant, resource, query)
    page = page_body(dialect, request, "attachments", objects, count, paging)
    return render(request, page)


@post(
    LIST,
    name="attachment-create",
    operation_id="attachment_create",
    opt=opt("add", "create"),
    request_max_body_size=None,
)
async def create_attachment(request: AnyRequest) -> Response[Any]:
    context, identity = api_context(request), require_identity(request)
    await access.require_any(context.rules, identity, "change")
    body, upload, form = await read_upload(request)
    try:
        created = await service.create(context, tenant_of(request), identity, body, upload)
    except BaseException:
        if form is not None:
            await form.abort()
        raise
    return render(request, object_body(dialect_of(request.scope), ATTACHMENT, created), 201)


@delete(
    LIST,
    name="attachment-bulk-delete",
    operation_id="attachment_destroy",
    status_code=204,
    opt=opt("delete", "bulk_delete"),
)
async def bulk_delete_attachments(request: AnyRequest) -> None:
    body = await read_body(request)
    await service.bulk_delete(
        api_context(request), store_of(request), tenant_of(request), require_identity(request), body
    )


@get(
    DETAIL, name="attachment-detail", operation_id="attachment_retrieve", opt=opt("view", "detail")
)
async def get_attachment(request: AnyRequest) -> Response[Any]:
    context, tenant = api_context(request), tenant_of(request)
    pk = crud.parse_pk(request.path_params["id"])
    found = await crud.get_one(context, tenant, ATTACHMENT, pk)
    await access.require(context.rules, require_identity(request), "view", [found["model_type"]])
    return render(request, object_body(dialect_of(request.scope), ATTACHMENT, found))


async def update_attachment(request: AnyRequest, partial: bool) -> Response[Any]:
    context, identity = api_context(request), require_identity(request)
    pk = crud.parse_pk(request.path_params["id"])
    body, upload, form = await read_upload(request)
    try:
        updated = await service.update(
            context, store_of(request), tenant_of(request), identity, pk, body, partial, upload
        )
    except BaseException:
        if form is not None:
            await form.abort()
        raise
    return render(request, object_body(dialect_of(request.scope), ATTACHMENT, updated))


@put(
    DETAIL,
    name="attachment-update",
    operation_id="attachment_update",
    opt=opt("change", "update"),
    request_max_body_size=None,
)
async def put_attachment(request: AnyRequest) -> Response[Any]:
    return await update_attachment(request, partial=False)


@patch(
    DETAIL,
    name="attachment-partial-update",
    operation_id="attachment_partial_update",
    opt=opt("change", "partial_update"),
    request_max_body_size=None,
)
async def patch_attachment(request: AnyRequest) -> Response[Any]:
    return await update_attachment(request, partial=True)


@delete(
    DETAIL,
    name="attachment-destroy",
    operation_id="attachment_destroy_2",
    status_code=204,
    opt=opt("delete", "destroy"),
)
async def delete_attachment(request: AnyRequest) -> None:
    pk = crud.parse_pk(request.path_params["id"])
    await service.delete(
        api_context(request), store_of(request), tenant_of(request), require_identity(request), pk
    )


@get(
    DETAIL + "download/{name:str}",
    name="attachment-download",
    opt=requires("view", ATTACHMENT.access),
    include_in_schema=False,
)
async def download_attachment(request: AnyRequest) -> Stream:
    context, tenant = api_context(request), tenant_of(request)
    found = await stored_file(tenant, crud.parse_pk(request.path_params["id"]))
    await access.require(context.rules, require_identity(request), "view", [found.model_type])
    download = await open_download(store_of(request), tenant, found, request.headers.get("range"))
    return Stream(
        download.chunks,
        status_code=download.status,
        media_type=media_type(found),
        headers=download.headers,
    )


METADATA = DETAIL + "metadata/"


async def checked_metadata_target(request: AnyRequest, action: str) -> int:
    pk = crud.parse_pk(request.path_params["id"])
    model_type = await service.model_type_of(tenant_of(request), pk)
    await access.require(
        api_context(request).rules, require_identity(request), action, [model_type]
    )
    return pk


@get(
    METADATA,
    name="attachment-metadata",
    operation_id="attachment_metadata_retrieve",
    opt=opt("view", "metadata"),
)
async def read_attachment_metadata(request: AnyRequest) -> Response[Any]:
    pk = await checked_metadata_target(request, "view")
    found = await crud.read_metadata(tenant_of(request), ATTACHMENT, pk)
    return render(request, {"metadata": found})


async def write_attachment_metadata(request: AnyRequest, replace: bool) -> Response[Any]:
    pk = await checked_metadata_target(request, "change")
    body = await read_body(request)
    merged = await crud.write_metadata(
        tenant_of(request), ATTACHMENT, pk, body.get("metadata", {}), replace
    )
    return render(request, {"metadata": merged})


@put(
    METADATA,
    name="attachment-metadata-put",
    operation_id="attachment_metadata_update",
    opt=opt("change", "metadata"),
)
async def put_attachment_metadata(request: AnyRequest) -> Response[Any]:
    return await write_attachment_metadata(request, replace=True)


@patch(
    METADATA,
    name="attachment-metadata-patch",
    operation_id="attachment_metadata_partial_update",
    opt=opt("change", "metadata"),
)
async def patch_attachment_metadata(request: AnyRequest) -> Response[Any]:
    return await write_attachment_metadata(request, replace=False)


routes = [
    list_attachments,
    create_attachment,
    bulk_delete_attachments,
    get_attachment,
    put_attachment,
    patch_attachment,
    delete_attachment,
    download_attachment,
    read_attachment_metadata,
    put_attachment_metadata,
    patch_attachment_metadata,
]
