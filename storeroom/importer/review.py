"""What a client changes between the steps: a column mapping (before accept_fields), a row's
data (revalidated at once, before it is imported), and deleting rows."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.bodies import json_field
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Conflict, Invalid, NotFound
from storeroom.importer.access import ImportRights
from storeroom.importer.tables import (
    import_column_mapping_table,
    import_row_table,
    import_session_table,
)
from storeroom.importer.validate import Plan, check_rows
from storeroom.models.registry import BY_MODEL_TYPE

mappings = import_column_mapping_table
rows_table = import_row_table
sessions = import_session_table
# What deciding who may act on a session reads of it.
SESSION_RIGHTS = (sessions.c.model_type, sessions.c.user_id)


async def update_mapping(
    tenant: TenantDb, rights: ImportRights, pk: int, body: dict[str, Any]
) -> None:
    column = body.get("column")
    if column is None:
        column = ""
    if not isinstance(column, str):
        raise Invalid.field("column", "Not a valid string.")
    async with tenant.transaction() as connection:
        found = (
            await connection.execute(
                sa.select(*SESSION_RIGHTS, sessions.c.status, sessions.c.columns)
                .join(mappings, mappings.c.session == sessions.c.id)
                .where(mappings.c.id == pk)
            )
        ).first()
        if found is None:
            raise NotFound()
        rights.require_act(found)
        if "column" not in body:
            return
        if found.status != 10:
            raise Conflict("Column mappings can only change while the columns are being mapped.")
        if column and column not in (found.columns or []):
            raise Invalid.field("column", f'"{column}" is not a column of the file.')
        await connection.execute(
            sa.update(mappings).where(mappings.c.id == pk).values(column=column)
        )


async def update_row(tenant: TenantDb, rights: ImportRights, pk: int, body: dict[str, Any]) -> None:
    """New `data` for a row, merged over its current data and validated again."""
    changes = body.get("data", {})
    if isinstance(changes, str):
        changes = json_field("data", changes)
    if not isinstance(changes, dict):
        raise Invalid.field("data", "Expected a JSON object.")
    async with tenant.transaction() as connection:
        found = (
            await connection.execute(
                sa.select(
                    rows_table,
                    sessions.c.status,
                    sessions.c.user_id,
                    sessions.c.model_type,
                    sessions.c.field_overrides,
                    sessions.c.field_filters,
                )
                .join(sessions, sessions.c.id == rows_table.c.session)
                .where(rows_table.c.id == pk)
            )
        ).first()
        if found is None:
            raise NotFound()
        rights.require_act(found)
        if "data" not in body:
            return
        if found.status != 30 or found.complete:
            raise Conflict("Only rows not yet imported, of a processed session, can change.")
        resource = BY_MODEL_TYPE[found.model_type]
        known = {spec.name for spec in resource.writable}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise Invalid.field("data", f"Unknown fields: {', '.join(unknown)}.")
        merged = {**(found.data or {}), **changes, **(found.field_overrides or {})}
        plan = Plan(resource, {}, {}, {}, dict(found.field_filters or {}))

        def in_this_transaction() -> nullcontext[AsyncConnection]:
            return nullcontext(connection)

        [checked] = await check_rows(in_this_transaction, plan, [(found.row_index, merged)])
        await connection.execute(
            sa.update(rows_table)
            .where(rows_table.c.id == pk)
            .values(
                data=msgspec.json.decode(msgspec.json.encode(checked.data)),
                errors=checked.errors or None,
                valid=checked.valid,
            )
        )


async def delete_row(tenant: TenantDb, rights: ImportRights, pk: int) -> None:
    async with tenant.transaction() as connection:
        found = (
            await connection.execute(
                sa.select(*SESSION_RIGHTS)
                .join(rows_table, rows_table.c.session == sessions.c.id)
                .where(rows_table.c.id == pk)
            )
        ).first()
    if found is None:
        raise NotFound()
    rights.require_act(found)
    await delete_rows(tenant, rights, rows_table.c.id == pk)


async def delete_rows(
    tenant: TenantDb, rights: ImportRights, condition: sa.ColumnElement[bool]
) -> int:
    """Delete rows of the sessions the user may act on, keeping each touched session's counts
    (and its completion) right."""
    acting = sa.select(sessions.c.id).where(rights.acting_condition())
    condition = sa.and_(condition, rows_table.c.session.in_(acting))
    async with tenant.transaction() as connection:
        touched = (
            (await connection.execute(sa.select(rows_table.c.session).where(condition).distinct()))
            .scalars()
            .all()
        )
        result = await connection.execute(sa.delete(rows_table).where(condition))
        for session in touched:
            await _recount(connection, session)
    return int(result.rowcount)


async def _recount(connection: Any, session: int) -> None:
    counts = (
        await connection.execute(
            sa.select(
                sa.func.count(),
                sa.func.count().filter(rows_table.c.complete == sa.true()),
            ).where(rows_table.c.session == session)
        )
    ).first()
    total, done = counts
    await connection.execute(
        sa.update(sessions)
        .where(sessions.c.id == session)
        .values(row_count=total, completed_row_count=done)
    )
    await connection.execute(
        sa.update(sessions)
        .where(sessions.c.id == session, sessions.c.status == 30, sessions.c.row_count <= done)
        .values(status=40)
    )
