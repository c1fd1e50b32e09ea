"""The two steps a client takes on a session, each run in its declared action's transaction with
the session's row locked (routes.py): accept_fields moves it from 10 to 20 (a job then makes its
rows, jobs.py); accept_rows checks the chosen rows and imports them, at once when they fit in one
chunk, else through the queue, whose workers import them chunk by chunk, each chunk its own
transaction, so no request holds a million-row transaction. The session's `completed_row_count`,
and its status 40 once every row is in, tell the client how far it is.

Each step's job is submitted inside the request's transaction, as its last write: a queue out of
reach raises Unavailable (503) and rolls the request back, so the client retries the same step,
and a job that starts before the commit waits for the session's row (jobs.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.auth.permissions import RuleReader
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Conflict, Forbidden, Invalid
from storeroom.importer import commit
from storeroom.importer.access import ImportRights
from storeroom.importer.conversion import Converter
from storeroom.importer.jobs import ACCEPT_ROWS, CREATE_ROWS, Jobs
from storeroom.importer.mapping import importable_fields
from storeroom.importer.tables import import_column_mapping_table, import_session_table
from storeroom.models.registry import BY_MODEL_TYPE

sessions = import_session_table
mappings = import_column_mapping_table


def session_of(target: Mapping[str, Any]) -> Any:
    """The locked session's row, read as the access rules read a row (`session.model_type`)."""
    return SimpleNamespace(**target)


async def accept_fields(connection: AsyncConnection, rights: ImportRights, session: Any) -> None:
    """Status 10 -> 20; the caller then submits CREATE_ROWS (a request within its transaction)."""
    rights.require_act(session)
    if session.status != 10:
        raise Conflict("The fields can only be accepted while the columns are being mapped.")
    resource = BY_MODEL_TYPE[session.model_type]
    found = await connection.execute(
        sa.select(mappings.c.field, mappings.c.column).where(mappings.c.session == session.id)
    )
    mapped = {field for field, column in found if column}
    given = mapped | set(session.field_defaults or {}) | set(session.field_overrides or {})
    missing = [
        spec.name
        for spec in importable_fields(resource, session.field_overrides)
        if spec.required and spec.name not in given
    ]
    if missing:
        required = "This field is required: map a column to it or give a default."
        raise Invalid({name: [required] for name in missing})
    moved = await connection.execute(
        sa.update(sessions)
        .where(sessions.c.id == session.id, sessions.c.status == 10)
        .values(status=20, heartbeat=datetime.now(UTC), row_count=0)
    )
    if not moved.rowcount:
        raise Conflict("The fields of this session are already accepted.")


async def accept_session_fields(
    tenant: TenantDb, jobs: Jobs, rights: ImportRights, pk: int
) -> None:
    """accept_fields outside a request (the `storeroom import` command)."""
    async with tenant.transaction() as connection:
        found = await connection.execute(
            sa.select(sessions).where(sessions.c.id == pk).with_for_update()
        )
        await accept_fields(connection, rights, found.one())
    # After the commit: the command's jobs run at once, and would wait for this transaction.
    await jobs.submit(CREATE_ROWS, {"account": tenant.account, "session": pk})


async def accept_rows(
    connection: AsyncConnection,
    rules: RuleReader,
    rights: ImportRights,
    session: Any,
    rows: list[int],
    schema: str | None,
) -> bool:
    """Check the chosen rows and import them if they fit in one chunk; answers whether they are
    left for the queue (`submit_rows`)."""
    rights.require_act(session)
    resource = BY_MODEL_TYPE[session.model_type]
    # Accepting rows creates the model's objects.
    if resource.access.ruleset and not await rules.allowed(
        rights.identity, resource.access.ruleset, "add"
    ):
        raise Forbidden()
    if session.status != 30:
        raise Conflict("Rows can only be accepted once the data has been processed.")
    await commit.check_requested(connection, session.id, rows)
    if len(rows) > commit.CHUNK_ROWS:
        return True
    converter = Converter(resource, creating=True)
    await commit.claim_and_create(connection, schema, session.id, resource, converter, rows)
    return False


async def submit_rows(jobs: Jobs, tenant: TenantDb, session: int, rows: list[int]) -> None:
    """The one job of a large selection (a worker shares it out, jobs.py): one submission either
    happens or fails whole, so a 503 leaves no part of the selection queued."""
    batch = commit.row_ranges(rows)
    await jobs.submit(ACCEPT_ROWS, {"account": tenant.account, "session": session, "rows": batch})
