"""Import sessions: create (store the upload, start reading it), read, change, delete, and the
two steps a client takes, accept_fields and accept_rows, with the state rules of
docs/api-behaviour.md ("Per endpoint")."""

from __future__ import annotations

import asyncio
import re
import secrets
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, get_args

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.bodies import json_field
from storeroom.api.context import ApiContext
from storeroom.api.resource import Resource
from storeroom.api.uploads import ReceivedFile, TempFileSink
from storeroom.auth.identity import Identity
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Conflict, Forbidden, Invalid, NotFound, Unavailable
from storeroom.importer.access import ImportRights
from storeroom.importer.encoding import named_encoding, transcode
from storeroom.importer.jobs import READ_HEADER, Jobs, resume_counter
from storeroom.importer.lookup import lookups_for
from storeroom.importer.mapping import available_fields
from storeroom.importer.parse import file_format
from storeroom.importer.schemas import ModelType
from storeroom.importer.tables import import_column_mapping_table, import_session_table
from storeroom.models.registry import BY_MODEL_TYPE

IMPORTABLE: tuple[str, ...] = get_args(ModelType)
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
sessions = import_session_table
mappings = import_column_mapping_table


def importable_models() -> list[dict[str, Any]]:
    return [
        {
            "model_type": name,
            "serializer": BY_MODEL_TYPE[name].verbose_name.replace(" ", "") + "Serializer",
            "api_url": BY_MODEL_TYPE[name].path,
        }
        for name in IMPORTABLE
        if name in BY_MODEL_TYPE
    ]


def model_of(model_type: Any) -> Resource:
    if not isinstance(model_type, str) or not model_type:
        raise Invalid.field("model_type", "This field is required.")
    if model_type not in IMPORTABLE or model_type not in BY_MODEL_TYPE:
        raise Invalid.field("model_type", f'"{model_type}" is not a valid choice.')
    return BY_MODEL_TYPE[model_type]


def json_object(body: dict[str, Any], name: str) -> dict[str, Any] | None:
    """field_defaults, field_overrides, field_filters: a JSON object, or a form field of one."""
    value = body.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = json_field(name, value)
    if not isinstance(value, dict):
        raise Invalid.field(name, "Expected a JSON object.")
    return value


def field_options(resource: Resource, body: dict[str, Any]) -> dict[str, Any]:
    """The client's defaults, overrides and filters, each naming only fields the model has."""
    options = {name: json_object(body, name) for name in FIELD_OPTIONS}
    writable = {spec.name for spec in resource.writable}
    errors: dict[str, list[str]] = {}
    for name, value in options.items():
        unknown = sorted(set(value or {}) - writable)
        if unknown:
            errors[name] = [f"Unknown fields: {', '.join(unknown)}."]
    if errors:
        raise Invalid(errors)
    for name, filters in (options["field_filters"] or {}).items():
        if not isinstance(filters, dict):
            raise Invalid.field("field_filters", f"The filters of {name} must be an object.")
    lookups_for(resource, options["field_filters"])
    return options


FIELD_OPTIONS = ("field_defaults", "field_overrides", "field_filters")


def store_upload(context: ApiContext, account: str, upload: ReceivedFile) -> str:
    """Move the spooled upload under the data directory; answers its path relative to it."""
    if not isinstance(upload.sink, TempFileSink):
        raise Invalid.field("data_file", "The file could not be stored.")
    name = SAFE_NAME.sub("_", Path(upload.filename).name)[-100:] or "upload"
    relative = Path("imports") / account / f"{secrets.token_hex(8)}-{name}"
    target = context.settings.data_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(upload.sink.path, target)
    return str(relative)


async def create_session(
    context: ApiContext,
    tenant: TenantDb,
    jobs: Jobs,
    identity: Identity,
    body: dict[str, Any],
    upload: ReceivedFile | None,
) -> int:
    resource = model_of(body.get("model_type"))
    if upload is None or not upload.filename:
        raise Invalid.field("data_file", "No file was submitted.")
    kind = file_format(upload.filename)
    if kind is None:
        raise Invalid.field(
            "data_file", "Unsupported file type: upload a .csv, .tsv, .xlsx or .json file."
        )
    if resource.access.ruleset and not await context.rules.allowed(
        identity, resource.access.ruleset, "add"
    ):
        raise Forbidden()
    options = field_options(resource, body)
    encoding = named_encoding(body.get("encoding"), kind)
    stored = store_upload(context, tenant.account, upload)
    if encoding is not None:
        await asyncio.to_thread(transcode, context.settings.data_dir / stored, encoding)
    pk = await insert_session(tenant, resource, upload.filename, stored, identity, options)
    try:
        await jobs.submit(READ_HEADER, {"account": tenant.account, "session": pk})
    except Unavailable:
        # The client is told 503 and uploads again: no session of this upload is left behind.
        await delete_sessions(context, tenant, sessions.c.id == pk)
        raise
    return pk


async def insert_session(
    tenant: TenantDb,
    resource: Resource,
    filename: str,
    stored: str,
    identity: Identity | None,
    options: dict[str, Any],
) -> int:
    """A new session at status 0 for a stored file (the upload's or the command line's)."""
    now = datetime.now(UTC)
    async with tenant.transaction() as connection:
        result = await connection.execute(
            sa.insert(sessions).values(
                timestamp=now,
                heartbeat=now,
                model_type=resource.model_type,
                status=0,
                data_file=Path(filename).name[:255],
                stored_file=stored,
                user_id=None if identity is None or identity.is_system else identity.user_id,
                user_detail=None if identity is None else user_detail(identity),
                **options,
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def user_detail(identity: Identity) -> dict[str, Any]:
    return {
        "pk": identity.user_id,
        "username": identity.username,
        "first_name": identity.first_name,
        "last_name": identity.last_name,
        "email": identity.email,
    }


async def session_state(tenant: TenantDb, pk: int) -> Any:
    async with tenant.transaction() as connection:
        found = (await connection.execute(sa.select(sessions).where(sessions.c.id == pk))).first()
    if found is None:
        raise NotFound()
    return found


async def update_session(
    tenant: TenantDb, rights: ImportRights, pk: int, body: dict[str, Any]
) -> None:
    """Defaults, overrides and filters may change until the fields are accepted."""
    session = await session_state(tenant, pk)
    rights.require_act(session)
    resource = BY_MODEL_TYPE[session.model_type]
    if "model_type" in body and body["model_type"] != session.model_type:
        raise Invalid.field("model_type", "The model of a session cannot change.")
    changes = {name: value for name, value in field_options(resource, body).items() if name in body}
    if not changes:
        return
    if session.status > 10:
        raise Conflict("The fields of this session are accepted: its options cannot change.")
    async with tenant.transaction() as connection:
        await connection.execute(sa.update(sessions).where(sessions.c.id == pk).values(**changes))


async def delete_sessions(context: ApiContext, tenant: TenantDb, condition: Any) -> None:
    async with tenant.transaction() as connection:
        stored = (
            await connection.execute(sa.select(sessions.c.stored_file).where(condition))
        ).scalars()
        files = list(stored)
        await connection.execute(sa.delete(sessions).where(condition))
    for relative in files:
        stored = context.settings.data_dir / relative
        stored.unlink(missing_ok=True)
        resume_counter(stored).unlink(missing_ok=True)


async def with_details(tenant: TenantDb, objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sessions as the contract shows them: available fields and column mappings included."""
    if not objects:
        return objects
    async with tenant.transaction() as connection:
        return await details_in(connection, objects)


async def details_in(
    connection: AsyncConnection, objects: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """with_details in the caller's transaction (a declared action's answer)."""
    pks = [found["pk"] for found in objects]
    rows = await connection.execute(
        sa.select(mappings).where(mappings.c.session.in_(pks)).order_by(mappings.c.id)
    )
    by_session: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_session.setdefault(row.session, []).append(
            {
                "pk": row.id,
                "session": row.session,
                "column": row.column,
                "field": row.field,
                "label": row.label,
                "description": row.description,
            }
        )
    for found in objects:
        resource = BY_MODEL_TYPE[found["model_type"]]
        found["available_fields"] = available_fields(
            resource, found["field_overrides"], found["field_filters"]
        )
        found["column_mappings"] = by_session.get(found["pk"], [])
        found["data_file"] = f"/media/import/{found['data_file']}"
    return objects
