"""accept_rows: the chosen valid rows become objects of the model, in bulk.

Everything asked for is checked first (rows of this session, valid, not yet complete), and a
request with any bad row writes nothing. Then each chunk commits its objects together with its
rows' `complete` and the session's progress; a row is claimed by the same UPDATE that marks it
complete, so a retried or concurrent request can never import a row twice.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import msgspec
import sqlalchemy as sa
from asyncpg.exceptions import ForeignKeyViolationError, UniqueViolationError
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.fields import LARGEST_INT, SMALLEST_INT
from storeroom.api.resource import Resource
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Invalid
from storeroom.importer.bulk import insert_objects
from storeroom.importer.conversion import Converter, collection_paused
from storeroom.importer.overlap import Overlap
from storeroom.importer.tables import import_row_table, import_session_table
from storeroom.models.registry import BY_MODEL_TYPE

CHUNK_ROWS = 5000
CHECK_ROWS = 50_000
rows_table = import_row_table


def requested_rows(body: dict[str, Any]) -> list[int]:
    rows = body.get("rows")
    if not isinstance(rows, list) or not rows:
        raise Invalid.field("rows", "Expected a non-empty list of row ids.")
    if not all(isinstance(row, int) and not isinstance(row, bool) for row in rows):
        raise Invalid.field("rows", "Every row must be an integer id.")
    beyond = [row for row in rows if not SMALLEST_INT <= row <= LARGEST_INT]
    if beyond:
        # No row has an id beyond the id column's range (and the driver could not send it).
        raise Invalid.field("rows", f"Rows {_listed(beyond)} are not rows of this session.")
    return list(dict.fromkeys(rows))


async def check_requested(connection: AsyncConnection, session: int, rows: list[int]) -> None:
    """Refuse the whole request if any row is unknown, invalid or already complete."""
    unknown: list[int] = []
    invalid: list[int] = []
    complete: list[int] = []
    for start in range(0, len(rows), CHECK_ROWS):
        batch = rows[start : start + CHECK_ROWS]
        # Counted first: the usual request is all good, and a count returns no rows.
        ready = await connection.scalar(
            sa.select(sa.func.count()).where(
                rows_table.c.session == session,
                among(connection, rows_table.c.id, batch),
                rows_table.c.valid == sa.true(),
                rows_table.c.complete == sa.false(),
            )
        )
        if ready == len(batch):
            continue
        found = await connection.execute(
            sa.select(rows_table.c.id, rows_table.c.valid, rows_table.c.complete).where(
                rows_table.c.session == session, among(connection, rows_table.c.id, batch)
            )
        )
        states = {pk: (valid, done) for pk, valid, done in found}
        unknown += [pk for pk in batch if pk not in states]
        invalid += [pk for pk, (valid, _) in states.items() if not valid]
        complete += [pk for pk, (_, done) in states.items() if done]
    problems = []
    for label, ids in (("not rows of this session", unknown), ("not valid", invalid)):
        if ids:
            problems.append(f"Rows {_listed(ids)} are {label}.")
    if complete:
        problems.append(f"Rows {_listed(complete)} are already imported.")
    if problems:
        raise Invalid.field("rows", " ".join(problems))


def among(
    connection: AsyncConnection, column: sa.ColumnElement[int], ids: list[int]
) -> sa.ColumnElement[bool]:
    """`column IN ids` with the list as one bound value: expanding an IN list of thousands of
    parameters costs more than the query, and each length would be a new statement."""
    if connection.dialect.name == "postgresql":
        return column == sa.any_(sa.bindparam(None, ids, type_=postgresql.ARRAY(sa.BigInteger)))
    listed = sa.bindparam(None, msgspec.json.encode(ids).decode(), type_=sa.Text)
    return column.in_(sa.select(sa.func.json_each(listed).table_valued("value").c.value))


def _listed(ids: list[int]) -> str:
    shown = ", ".join(str(pk) for pk in sorted(ids)[:20])
    return shown + (f" and {len(ids) - 20} more" if len(ids) > 20 else "")


async def import_rows(tenant: TenantDb, session: int, model_type: str, rows: list[int]) -> int:
    """Import the rows chunk by chunk; answers how many objects were created."""
    resource = BY_MODEL_TYPE[model_type]
    converter = Converter(resource, creating=True)
    created = 0
    async with Overlap(side_by_side=not tenant.databases.is_sqlite) as chunks:
        for start in range(0, len(rows), CHUNK_ROWS):
            batch = rows[start : start + CHUNK_ROWS]
            created += (
                await chunks.submit(_import_chunk(tenant, session, resource, converter, batch)) or 0
            )
        created += await chunks.drain() or 0
    return created


async def _import_chunk(
    tenant: TenantDb, session: int, resource: Resource, converter: Converter, batch: list[int]
) -> int:
    """One transaction: claim the rows, create their objects, count the progress."""
    with collection_paused():
        return await _claim_and_create(tenant, session, resource, converter, batch)


async def _claim_and_create(
    tenant: TenantDb, session: int, resource: Resource, converter: Converter, batch: list[int]
) -> int:
    schema = tenant.databases.schema_for(tenant.account)
    async with tenant.transaction() as connection:
        return await claim_and_create(connection, schema, session, resource, converter, batch)


async def claim_and_create(
    connection: AsyncConnection,
    schema: str | None,
    session: int,
    resource: Resource,
    converter: Converter,
    batch: list[int],
) -> int:
    """One chunk in the caller's transaction: the rows are claimed by the UPDATE that marks them
    complete, so a chunk run again (a retried job) creates nothing twice."""
    claimed = await connection.execute(
        sa.update(rows_table)
        .where(
            rows_table.c.session == session,
            among(connection, rows_table.c.id, batch),
            rows_table.c.complete == sa.false(),
            rows_table.c.valid == sa.true(),
        )
        .values(complete=True)
        # As text, decoded by msgspec: the JSON type's own decoding is several times slower.
        .returning(rows_table.c.row_index, sa.cast(rows_table.c.data, sa.Text))
    )
    datas = _decoded(sorted(claimed, key=_first))
    await _create_objects(connection, resource, converter, schema, datas)
    await _count_progress(connection, session, len(datas))
    return len(datas)


def _first(row: Any) -> Any:
    return row[0]


def _decoded(claimed: list[Any]) -> list[dict[str, Any]]:
    """The rows' data in one decode: a JSON array of the stored texts."""
    texts = [data.encode() if isinstance(data, str) else (data or b"{}") for _, data in claimed]
    datas: list[dict[str, Any] | None] = msgspec.json.decode(b"[" + b",".join(texts) + b"]")
    return [data or {} for data in datas]


async def _create_objects(
    connection: AsyncConnection,
    resource: Resource,
    converter: Converter,
    schema: str | None,
    datas: list[dict[str, Any]],
) -> None:
    created = converter.created_values()
    converted = [converter.convert(data, created) for data in datas]
    if any(errors for _, errors in converted):
        raise Invalid(general=["A row no longer passes validation: edit it and try again."])
    records = [values for values, _ in converted]
    if resource.before_write is not None:
        for values in records:
            await resource.before_write(connection, values)
    try:
        if resource.after_write is None:
            await insert_objects(connection, resource.table, schema, records)
            return
        # Trees keep their paths per object, parents first (rows in file order).
        for values in records:
            result = await connection.execute(sa.insert(resource.table).values(**values))
            await resource.after_write(connection, int(result.inserted_primary_key[0]))  # type: ignore[index]
    except (IntegrityError, UniqueViolationError, ForeignKeyViolationError, sqlite3.IntegrityError):
        raise Invalid(
            general=["These rows conflict with data created since they were validated."]
        ) from None


async def _count_progress(connection: AsyncConnection, session: int, done: int) -> None:
    table = import_session_table
    await connection.execute(
        sa.update(table)
        .where(table.c.id == session)
        .values(completed_row_count=table.c.completed_row_count + done)
    )
    await connection.execute(
        sa.update(table)
        .where(
            table.c.id == session,
            table.c.status == 30,
            table.c.completed_row_count >= table.c.row_count,
        )
        .values(status=40)
    )


def row_ranges(rows: list[int]) -> list[list[int]]:
    """The ids as [first, last] runs of consecutive ids: a job carries a session's million rows
    in a few bytes (a selection is usually every row, in order)."""
    ranges: list[list[int]] = []
    for pk in rows:
        if ranges and pk == ranges[-1][1] + 1:
            ranges[-1][1] = pk
        else:
            ranges.append([pk, pk])
    return ranges


def rows_in(ranges: list[list[int]]) -> list[int]:
    return [pk for first, last in ranges for pk in range(first, last + 1)]
