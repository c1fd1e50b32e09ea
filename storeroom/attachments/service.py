"""The attachment work: uploads, links, edits, renames and deletes, keeping the database and the
storage consistent.

A file is stored before its row is written (the upload streams as it arrives); if the row cannot
be written, the file is removed again. A delete commits the row's removal first and removes the
file after: a process killed in between, or a storage that cannot be reached, leaves at worst a
file no row names (logged), never a row whose file is gone.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.context import ApiContext
from storeroom.api.crud import bulk_condition, read_back
from storeroom.api.uploads import FileSink, ReceivedFile
from storeroom.api.validation import convert_body
from storeroom.attachments import access
from storeroom.attachments.filenames import display_name, stored_name
from storeroom.attachments.resource import ATTACHMENT, TABLE
from storeroom.attachments.storage.store import FileStore, StorageUnavailable
from storeroom.auth.caller import Caller
from storeroom.auth.identity import Identity
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Invalid, NotAuthenticated, NotFound
from storeroom.models.registry import BY_MODEL_TYPE

log = logging.getLogger("storeroom.attachments")
LINK_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "sftp"})
NEITHER = {"attachment": ["Missing file"], "link": ["Missing external link"]}
BOTH = "Send either a file or a link, not both."


def new_key(filename: str) -> str:
    return f"{uuid.uuid4().hex}/{stored_name(display_name(filename))}"


def renamed_key(key: str, filename: str) -> str:
    return f"{key.split('/', 1)[0]}/{stored_name(filename)}"


async def open_upload(store: FileStore, account: str, filename: str) -> tuple[str, FileSink]:
    key = new_key(filename)
    return key, await store.writer(account, key)


def user_detail(identity: Identity) -> dict[str, Any]:
    return {
        "pk": identity.user_id,
        "username": identity.username,
        "first_name": identity.first_name,
        "last_name": identity.last_name,
        "email": identity.email,
    }


def check_link(values: dict[str, Any], errors: dict[str, list[str]]) -> None:
    link = values.get("link")
    if not link:
        return
    parts = urlsplit(str(link))
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        errors["link"] = ["Enter a valid URL."]


async def check_target(
    connection: AsyncConnection, values: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    """`model_id` must name an object of `model_type` in this tenant."""
    model_type, model_id = values.get("model_type"), values.get("model_id")
    if model_type is None or model_id is None or "model_type" in errors or "model_id" in errors:
        return
    table = BY_MODEL_TYPE[model_type].table
    found = await connection.scalar(sa.select(table.c.id).where(table.c.id == model_id))
    if found is None:
        errors["model_id"] = [f"No {model_type} with id {model_id} exists."]


def upload_values(upload: ReceivedFile, key: str, filename: str | None) -> dict[str, Any]:
    return {
        "storage_key": key,
        "filename": display_name(filename or upload.filename),
        "file_size": upload.size,
        "content_type": upload.content_type[:255],
    }


async def create(
    context: ApiContext,
    tenant: TenantDb,
    caller: Caller,
    body: dict[str, Any],
    upload: tuple[str, ReceivedFile] | None,
) -> dict[str, Any]:
    """A new attachment: a file already in storage under `upload`'s key, or a link. The caller
    removes the stored file if this raises."""
    values, errors = convert_body(ATTACHMENT, body, partial=False, creating=True)
    check_link(values, errors)
    has_link = bool(values.get("link"))
    if upload is None and not has_link and not errors:
        raise Invalid(dict(NEITHER))
    if upload is not None and has_link:
        raise Invalid(general=[BOTH])
    if "model_type" in values:
        await access.require(caller, "change", [values["model_type"]])
    if upload is not None:
        values.update(upload_values(upload[1], upload[0], values.get("filename")))
    else:
        values["filename"] = ""
    identity = caller.identity
    if identity is None:
        raise NotAuthenticated()
    values.update(upload_user=identity.user_id, user_detail=user_detail(identity))
    async with tenant.transaction() as connection:
        await check_target(connection, values, errors)
        if errors:
            raise Invalid(errors)
        result = await connection.execute(sa.insert(TABLE).values(**values))
        pk = int(result.inserted_primary_key[0])  # type: ignore[index]
        created = await read_back(connection, ATTACHMENT, pk)
    context.counts.invalidate(tenant.account, TABLE.name)
    return created


async def current_row(connection: AsyncConnection, pk: int) -> Any:
    row = (
        await connection.execute(
            sa.select(
                TABLE.c.model_type, TABLE.c.model_id, TABLE.c.storage_key, TABLE.c.link
            ).where(TABLE.c.id == pk)
        )
    ).first()
    if row is None:
        raise NotFound()
    return row


async def model_type_of(tenant: TenantDb, pk: int) -> str:
    async with tenant.transaction() as connection:
        return str((await current_row(connection, pk)).model_type)


def file_changes(
    row: sa.Row[Any],
    values: dict[str, Any],
    upload: tuple[str, ReceivedFile] | None,
    errors: dict[str, list[str]],
) -> None:
    """A new file replaces the old; a new `filename` renames the stored object."""
    if upload is not None:
        values.update(upload_values(upload[1], upload[0], values.get("filename")))
        return
    if "filename" not in values:
        return
    if row.storage_key is None:
        if values["filename"]:
            errors["filename"] = ["A link has no file to rename."]
        del values["filename"]
        return
    shown = display_name(values["filename"])
    values["filename"] = shown
    values["storage_key"] = renamed_key(row.storage_key, shown)


def check_file_or_link(
    row: sa.Row[Any], values: dict[str, Any], upload: tuple[str, ReceivedFile] | None
) -> None:
    has_file = row.storage_key is not None or upload is not None
    has_link = bool(values.get("link", row.link))
    if has_file and has_link:
        raise Invalid(general=[BOTH])
    if not has_file and not has_link:
        raise Invalid(dict(NEITHER))


async def update(
    context: ApiContext,
    store: FileStore,
    tenant: TenantDb,
    caller: Caller,
    pk: int,
    body: dict[str, Any],
    partial: bool,
    upload: tuple[str, ReceivedFile] | None = None,
) -> dict[str, Any]:
    values, errors = convert_body(ATTACHMENT, body, partial=partial)
    check_link(values, errors)
    renamed: tuple[str, str] | None = None
    replaced: str | None = None
    try:
        async with tenant.transaction() as connection:
            row = await current_row(connection, pk)
            targets = {row.model_type, values.get("model_type", row.model_type)}
            await access.require(caller, "change", targets)
            file_changes(row, values, upload, errors)
            target = {
                "model_type": values.get("model_type", row.model_type),
                "model_id": values.get("model_id", row.model_id),
            }
            if "model_type" in values or "model_id" in values:
                await check_target(connection, target, errors)
            if errors:
                raise Invalid(errors)
            check_file_or_link(row, values, upload)
            key = values.get("storage_key")
            if upload is not None:
                replaced = row.storage_key
            elif key is not None and key != row.storage_key:
                await store.rename(tenant.account, row.storage_key, key)
                renamed = (row.storage_key, key)
            await connection.execute(sa.update(TABLE).where(TABLE.c.id == pk).values(**values))
            updated = await read_back(connection, ATTACHMENT, pk)
    except BaseException:
        if renamed is not None:
            await store.rename(tenant.account, renamed[1], renamed[0])
        raise
    if replaced is not None:
        await forget(store, tenant.account, replaced)
    context.counts.invalidate(tenant.account, TABLE.name)
    return updated


async def forget(store: FileStore, account: str, key: str) -> None:
    """Remove a file no row names any more; failing, it is logged and left (never a row
    without its file)."""
    try:
        await store.delete(account, key)
    except StorageUnavailable:
        log.exception("could not remove attachment file %s of %s, which no row names", key, account)


async def delete(
    context: ApiContext, store: FileStore, tenant: TenantDb, caller: Caller, pk: int
) -> None:
    async with tenant.transaction() as connection:
        row = await current_row(connection, pk)
    await access.require(caller, "change", [row.model_type])
    await delete_rows_then_files(context, store, tenant, TABLE.c.id == pk)


async def delete_rows_then_files(
    context: ApiContext, store: FileStore, tenant: TenantDb, condition: sa.ColumnElement[bool]
) -> None:
    """The rows go in one committed transaction, their files after it: a crash in between leaves
    unreferenced files, never a row without its file."""
    async with tenant.transaction() as connection:
        deleted = await connection.execute(
            sa.delete(TABLE).where(condition).returning(TABLE.c.storage_key)
        )
        keys = [key for key in deleted.scalars() if key is not None]
    context.counts.invalidate(tenant.account, TABLE.name)
    for key in keys:
        await forget(store, tenant.account, key)


async def bulk_delete(
    context: ApiContext,
    store: FileStore,
    tenant: TenantDb,
    caller: Caller,
    body: dict[str, Any],
) -> None:
    """The matching rows, then their files (`delete_rows_then_files`)."""
    condition = bulk_condition(ATTACHMENT, body)
    async with tenant.transaction() as connection:
        found = await connection.execute(sa.select(TABLE.c.model_type).where(condition).distinct())
        targets = set(found.scalars())
    await access.require(caller, "change", targets)
    # Only the kinds of target the user was allowed to change, whatever was added since.
    allowed = sa.and_(condition, TABLE.c.model_type.in_(sorted(targets)))
    await delete_rows_then_files(context, store, tenant, allowed)
