"""The two background steps of a session: reading the file's header (status 0 -> 10) and creating
and validating its rows (20 -> 30), chunk by chunk, each chunk committed with its progress.

Both steps start over from the file when they run again, so a step cut short by a restart is
simply run once more (`jobs.py`).
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import msgspec
import sqlalchemy as sa

from storeroom.db.engines import Databases
from storeroom.importer.bulk import ROW_COLUMNS, copy_or_insert
from storeroom.importer.conversion import collection_paused
from storeroom.importer.mapping import auto_map, importable_fields, label_of
from storeroom.importer.overlap import Overlap
from storeroom.importer.parse import FileProblem, Limits, Table, file_format
from storeroom.importer.tables import (
    import_column_mapping_table,
    import_row_table,
    import_session_table,
)
from storeroom.importer.validate import Checked, Plan, Reader, body_of, check_rows
from storeroom.models.registry import BY_MODEL_TYPE
from storeroom.settings import Settings

CHUNK_ROWS = 5000
sessions = import_session_table


def limits_of(settings: Settings) -> Limits:
    return Limits(
        settings.import_max_rows, settings.import_max_columns, settings.import_max_unpacked_bytes
    )


def open_table(settings: Settings, session: Any) -> Table:
    kind = file_format(session.data_file) or "csv"
    return Table(settings.data_dir / Path(session.stored_file), kind, limits_of(settings))


async def load_session(databases: Databases, account: str, pk: int) -> Any:
    """The session as its step's job starts: locked for a moment, so a job submitted by a request
    that has not committed yet waits for it (and finds the step not taken if it rolled back)."""
    async with databases.tenant_transaction(account) as connection:
        found = await connection.execute(
            sa.select(sessions).where(sessions.c.id == pk).with_for_update()
        )
        return found.first()


async def set_state(databases: Databases, account: str, pk: int, **values: Any) -> None:
    async with databases.tenant_transaction(account) as connection:
        await connection.execute(
            sa.update(sessions)
            .where(sessions.c.id == pk)
            .values(heartbeat=datetime.now(UTC), **values)
        )


async def fail(databases: Databases, account: str, pk: int, message: str) -> None:
    """A final state with the reason stored: never a session left waiting."""
    async with databases.tenant_transaction(account) as connection:
        await connection.execute(
            sa.delete(import_row_table).where(import_row_table.c.session == pk)
        )
        await connection.execute(
            sa.update(sessions)
            .where(sessions.c.id == pk)
            .values(status=40, error=message, row_count=0, heartbeat=datetime.now(UTC))
        )


def _scan(settings: Settings, session: Any) -> list[str]:
    with open_table(settings, session) as table:
        for _ in table.rows():
            pass
        return table.columns


async def read_header(databases: Databases, settings: Settings, account: str, pk: int) -> None:
    """Step 1: check the whole file, store its columns and the automatic mapping."""
    session = await load_session(databases, account, pk)
    if session is None or session.status != 0:
        return
    try:
        columns = await asyncio.to_thread(_scan, settings, session)
    except FileProblem as problem:
        await fail(databases, account, pk, str(problem))
        return
    resource = BY_MODEL_TYPE[session.model_type]
    fields = importable_fields(resource, session.field_overrides)
    chosen = auto_map(fields, columns)
    mappings = import_column_mapping_table
    async with databases.tenant_transaction(account) as connection:
        await connection.execute(sa.delete(mappings).where(mappings.c.session == pk))
        await connection.execute(
            sa.insert(mappings),
            [
                {
                    "session": pk,
                    "field": spec.name,
                    "column": chosen.get(spec.name, ""),
                    "label": label_of(spec),
                    "description": spec.help_text,
                }
                for spec in fields
            ],
        )
        await connection.execute(
            sa.update(sessions)
            .where(sessions.c.id == pk)
            .values(columns=columns, status=10, heartbeat=datetime.now(UTC))
        )


async def plan_of(databases: Databases, account: str, session: Any) -> Plan:
    mappings = import_column_mapping_table
    async with databases.tenant_transaction(account) as connection:
        rows = await connection.execute(
            sa.select(mappings.c.field, mappings.c.column).where(mappings.c.session == session.id)
        )
        mapping = {field: column for field, column in rows if column}
    return Plan(
        resource=BY_MODEL_TYPE[session.model_type],
        mapping=mapping,
        defaults=dict(session.field_defaults or {}),
        overrides=dict(session.field_overrides or {}),
        filters=dict(session.field_filters or {}),
    )


def _take(rows: Iterator[list[str]], count: int) -> list[list[str]]:
    return list(itertools.islice(rows, count))


async def create_rows(databases: Databases, settings: Settings, account: str, pk: int) -> None:
    """Step 3: every row of the file, converted through the mapping and validated."""
    session = await load_session(databases, account, pk)
    if session is None or session.status != 20:
        return
    plan = await plan_of(databases, account, session)
    async with databases.tenant_transaction(account) as connection:
        await connection.execute(
            sa.delete(import_row_table).where(import_row_table.c.session == pk)
        )
    try:
        with open_table(settings, session) as table:
            rows = table.rows()
            done = 0
            read = partial(databases.tenant_transaction, account)
            async with Overlap(side_by_side=not databases.is_sqlite) as writes:
                while chunk := await asyncio.to_thread(_take, rows, CHUNK_ROWS):
                    with collection_paused():
                        records = await _checked(read, pk, plan, table.columns, chunk, done)
                    done += len(chunk)
                    await writes.submit(_store(databases, account, pk, records, done))
    except FileProblem as problem:
        await fail(databases, account, pk, str(problem))
        return
    await set_state(databases, account, pk, status=30 if done else 40, row_count=done)


async def _checked(
    read: Reader,
    pk: int,
    plan: Plan,
    columns: list[str],
    chunk: list[list[str]],
    start: int,
) -> list[tuple[Any, ...]]:
    """A chunk of the file as import_row values, converted and validated."""
    cells = [dict(zip(columns, row, strict=True)) for row in chunk]
    bodies = [(start + number, body_of(plan, row)) for number, row in enumerate(cells)]
    checked = await check_rows(read, plan, bodies)
    return _records(pk, bodies, cells, checked)


async def _store(
    databases: Databases, account: str, pk: int, records: list[tuple[Any, ...]], done: int
) -> None:
    """A chunk's rows and the session's progress, committed together."""
    async with databases.tenant_transaction(account) as connection:
        await copy_or_insert(
            connection, import_row_table, databases.schema_for(account), list(ROW_COLUMNS), records
        )
        await connection.execute(
            sa.update(sessions)
            .where(sessions.c.id == pk)
            .values(row_count=done, heartbeat=datetime.now(UTC))
        )


def _records(
    pk: int,
    bodies: list[tuple[int, dict[str, Any]]],
    cells: list[dict[str, str]],
    checked: list[Checked],
) -> list[tuple[Any, ...]]:
    """The import_row values of a chunk, JSON columns encoded as text."""
    encode = msgspec.json.encode
    return [
        (
            pk,
            index,
            encode(row).decode(),
            encode(result.data).decode(),
            encode(result.errors).decode() if result.errors else None,
            not result.errors,
            False,
        )
        for (index, _), row, result in zip(bodies, cells, checked, strict=True)
    ]
