"""`/api/attachment/`: upload or link, bulk delete, PUT, PATCH, delete, and the download of the
file itself (the `attachment` field's URL). The list, detail and metadata are the resource
layer's (api/routes.py), narrowed per caller by `access.ROWS`."""

from __future__ import annotations

import dataclasses
from typing import Any

from litestar import Response, delete, get, patch, post, put
from litestar.response import Stream

from storeroom.api import crud
from storeroom.api.casing import snake_keys
from storeroom.api.context import Context, RequestContext
from storeroom.api.dialects import Dialect
from storeroom.api.envelopes import object_body
from storeroom.api.routes import resource_routes
from storeroom.api.uploads import FileSink, ReceivedFile, ReceivedForm, is_multipart, receive_form
from storeroom.attachments import access, service
from storeroom.attachments.download import media_type, open_download, stored_file
from storeroom.attachments.resource import ATTACHMENT
from storeroom.attachments.storage.store import FileStore
from storeroom.auth.permissions import requires
from storeroom.errors import Invalid

Upload = tuple[str, ReceivedFile] | None
NOT_A_FILE = "The submitted data was not a file. Check the encoding type on the form."
LIST, DETAIL = "/attachment/", "/attachment/{id:int}/"
# What the resource layer serves: the list, detail and metadata, each row narrowed per caller.
LISTED = dataclasses.replace(
    ATTACHMENT, operations=frozenset({"list", "detail", "metadata"}), row_scope=access.ROWS
)


def opt(action: str, operation: str) -> dict[str, Any]:
    return {**requires(action, LISTED.access), "resource": LISTED, "operation": operation}


async def read_upload(
    context: RequestContext,
) -> tuple[dict[str, Any], Upload, ReceivedForm | None]:
    """The body's fields, and the uploaded file (already in storage) if there is one; the
    multipart body is streamed from the request, its file straight into storage."""
    account, request = context.tenant.account, context.request
    if not is_multipart(request):
        # Bounded by the app's body limit, although this route lifts Litestar's for its files.
        plain = await context.body()
        if plain.get("attachment") not in (None, ""):
            raise Invalid.field("attachment", NOT_A_FILE)
        return plain, None, None
    store, keys = store_of(context), {}

    async def sink_for(field_name: str, filename: str, content_type: str) -> FileSink:
        if field_name != "attachment":
            raise Invalid.field(field_name, "Only the `attachment` field takes a file.")
        keys[field_name], sink = await service.open_upload(store, account, filename)
        return sink

    settings = context.settings
    form = await receive_form(request, sink_for, max_file_size=settings.attachment_max_size)
    body: dict[str, Any] = {
        name: found[0] if len(found) == 1 else found for name, found in form.fields.items()
    }
    if context.dialect is Dialect.DEEP:
        body = snake_keys(body)
    received = form.files.get("attachment")
    if received is None and body.get("attachment") not in (None, ""):
        await form.abort()
        raise Invalid.field("attachment", NOT_A_FILE)
    body.pop("attachment", None)
    return body, (keys["attachment"], received) if received else None, form


@post(
    LIST,
    name="attachment-create",
    operation_id="attachment_create",
    opt=opt("add", "create"),
    request_max_body_size=None,
)
async def create_attachment(context: Context) -> Response[Any]:
    await access.require_any(context.caller, "change")
    body, upload, form = await read_upload(context)
    try:
        created = await service.create(context.api, context.tenant, context.caller, body, upload)
    except BaseException:
        if form is not None:
            await form.abort()
        raise
    return context.render(object_body(context.dialect, ATTACHMENT, created), 201)


@delete(
    LIST,
    name="attachment-bulk-delete",
    operation_id="attachment_destroy",
    status_code=204,
    opt=opt("delete", "bulk_delete"),
)
async def bulk_delete_attachments(context: Context) -> None:
    body = await context.body()
    await service.bulk_delete(context.api, store_of(context), context.tenant, context.caller, body)


async def update_attachment(context: RequestContext, partial: bool) -> Response[Any]:
    pk = crud.parse_pk(context.path_param("id"))
    body, upload, form = await read_upload(context)
    try:
        updated = await service.update(
            context.api,
            store_of(context),
            context.tenant,
            context.caller,
            pk,
            body,
            partial,
            upload,
        )
    except BaseException:
        if form is not None:
            await form.abort()
        raise
    return context.render(object_body(context.dialect, ATTACHMENT, updated))


@put(
    DETAIL,
    name="attachment-update",
    operation_id="attachment_update",
    opt=opt("change", "update"),
    request_max_body_size=None,
)
async def put_attachment(context: Context) -> Response[Any]:
    return await update_attachment(context, partial=False)


@patch(
    DETAIL,
    name="attachment-partial-update",
    operation_id="attachment_partial_update",
    opt=opt("change", "partial_update"),
    request_max_body_size=None,
)
async def patch_attachment(context: Context) -> Response[Any]:
    return await update_attachment(context, partial=True)


@delete(
    DETAIL,
    name="attachment-destroy",
    operation_id="attachment_destroy_2",
    status_code=204,
    opt=opt("delete", "destroy"),
)
async def delete_attachment(context: Context) -> None:
    pk = crud.parse_pk(context.path_param("id"))
    await service.delete(context.api, store_of(context), context.tenant, context.caller, pk)


@get(
    DETAIL + "download/{name:str}",
    name="attachment-download",
    opt=requires("view", ATTACHMENT.access),
    include_in_schema=False,
)
async def download_attachment(context: Context) -> Stream:
    tenant = context.tenant
    found = await stored_file(tenant, crud.parse_pk(context.path_param("id")))
    await access.require(context.caller, "view", [found.model_type])
    byte_range = context.request.headers.get("range")
    download = await open_download(store_of(context), tenant, found, byte_range)
    return Stream(
        download.chunks,
        status_code=download.status,
        media_type=media_type(found),
        headers=download.headers,
    )


def store_of(context: RequestContext) -> FileStore:
    return context.service(FileStore)  # type: ignore[type-abstract]


routes = [
    *resource_routes(LISTED),
    create_attachment,
    bulk_delete_attachments,
    put_attachment,
    patch_attachment,
    delete_attachment,
    download_attachment,
]
