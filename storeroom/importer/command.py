"""`storeroom import FILE --model part [--map column=field ...] [--tenant ...]`: the same workflow
as the API (read, map, validate, import every valid row) run in this process, with a progress bar;
the rows that failed are printed with their errors."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import shutil
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rich.console import Console
from rich.progress import Progress as ProgressBar

from storeroom.api.startup import start_platform
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Invalid, NotFound
from storeroom.importer import accept, commit, ingest, service
from storeroom.importer.access import operator_rights
from storeroom.importer.jobs import CREATE_ROWS, READ_HEADER
from storeroom.importer.parse import file_format
from storeroom.importer.tables import import_column_mapping_table, import_row_table
from storeroom.settings import Settings

Progress = Callable[[str, int, int], None]


@dataclass
class ImportOutcome:
    session: int
    imported: int = 0
    error: str | None = None
    failures: list[tuple[int, dict[str, Any], dict[str, list[str]]]] = field(default_factory=list)


class InlineJobs:
    """Jobs run at once, in this process: the command waits for each step anyway."""

    def __init__(self, settings: Settings, tenant: TenantDb) -> None:
        self.settings = settings
        self.tenant = tenant

    async def submit(self, job_name: str, args: dict[str, Any]) -> None:
        steps = {READ_HEADER: ingest.read_header, CREATE_ROWS: ingest.create_rows}
        await steps[job_name](
            self.tenant.databases, self.settings, args["account"], args["session"]
        )


def parse_maps(maps: list[str]) -> dict[str, str]:
    """--map "Column name=field" -> {field: column}."""
    chosen: dict[str, str] = {}
    for entry in maps:
        column, separator, name = entry.rpartition("=")
        if not separator or not column or not name:
            raise Invalid.field("map", f'Expected COLUMN=FIELD, got "{entry}".')
        chosen[name.strip()] = column
    return chosen


async def run_import(
    settings: Settings,
    path: Path,
    model_type: str,
    maps: list[str],
    account: str,
    progress: Progress,
) -> ImportOutcome:
    resource = service.model_of(model_type)
    if file_format(path.name) is None or not await asyncio.to_thread(path.is_file):
        raise Invalid.field("file", f"{path} is not a .csv, .tsv, .xlsx or .json file.")
    async with start_platform(settings) as context:
        chosen = account or settings.default_tenant
        if chosen not in context.tenants.ready:
            raise NotFound(f"No tenant {chosen}.")
        tenant = TenantDb(chosen, context.databases, context.reader)
        stored = Path("imports") / chosen / f"{secrets.token_hex(8)}-{path.name}"
        (settings.data_dir / stored).parent.mkdir(parents=True, exist_ok=True)
        await asyncio.to_thread(shutil.copyfile, path, settings.data_dir / stored)
        pk = await service.insert_session(tenant, resource, path.name, str(stored), None, {})
        jobs = InlineJobs(settings, tenant)
        await jobs.submit(READ_HEADER, {"account": chosen, "session": pk})
        session = await service.session_state(tenant, pk)
        if session.error:
            return ImportOutcome(pk, error=session.error)
        await apply_maps(tenant, pk, session.columns or [], parse_maps(maps))
        async with watching(tenant, pk, progress):
            await accept.accept_session_fields(tenant, jobs, operator_rights(chosen), pk)
        return await import_valid_rows(tenant, pk, model_type)


async def apply_maps(tenant: TenantDb, pk: int, columns: list[str], chosen: dict[str, str]) -> None:
    table = import_column_mapping_table
    async with tenant.transaction() as connection:
        fields = set(
            (await connection.execute(sa.select(table.c.field).where(table.c.session == pk)))
            .scalars()
            .all()
        )
        for name, column in chosen.items():
            if name not in fields:
                raise Invalid.field("map", f"{name} is not an importable field.")
            if column not in columns:
                raise Invalid.field("map", f'"{column}" is not a column of the file.')
            await connection.execute(
                sa.update(table)
                .where(table.c.session == pk, table.c.column == column)
                .values(column="")
            )
            await connection.execute(
                sa.update(table)
                .where(table.c.session == pk, table.c.field == name)
                .values(column=column)
            )


@asynccontextmanager
async def watching(tenant: TenantDb, pk: int, progress: Progress) -> AsyncIterator[None]:
    """Report the session's row count while the block runs."""

    async def watch() -> None:
        while True:
            session = await service.session_state(tenant, pk)
            progress("validated", session.row_count, session.completed_row_count)
            await asyncio.sleep(0.5)

    task = asyncio.create_task(watch())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def import_valid_rows(tenant: TenantDb, pk: int, model_type: str) -> ImportOutcome:
    rows = import_row_table
    session = await service.session_state(tenant, pk)
    outcome = ImportOutcome(pk, error=session.error)
    async with tenant.transaction() as connection:
        valid = list(
            (
                await connection.execute(
                    sa.select(rows.c.id).where(rows.c.session == pk, rows.c.valid == sa.true())
                )
            ).scalars()
        )
        failed = await connection.execute(
            sa.select(rows.c.row_index, rows.c.row_data, rows.c.errors)
            .where(rows.c.session == pk, rows.c.valid == sa.false())
            .order_by(rows.c.row_index)
        )
        outcome.failures = [(index, data or {}, errors or {}) for index, data, errors in failed]
    if valid:
        outcome.imported = await commit.import_rows(tenant, pk, model_type, valid)
    return outcome


async def import_with_progress(
    settings: Settings, path: Path, model_type: str, maps: list[str], account: str
) -> int:
    """The command: a progress bar while rows are validated, then the failed rows; answers the
    exit status (0 all imported, 1 some rows failed or the file could not be read)."""
    console = Console(stderr=True)
    with ProgressBar(console=console, transient=True) as bar:
        task = bar.add_task("validating rows", total=None)

        def show(step: str, done: int, completed: int) -> None:
            bar.update(task, completed=done, description=f"{step} rows")

        outcome = await run_import(settings, path, model_type, maps, account, show)
    if outcome.error:
        console.print(f"storeroom: {outcome.error}")
        return 1
    for index, row_data, errors in outcome.failures:
        problems = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
        print(f"row {index + 1}: {problems}  {row_data}")
    failed = len(outcome.failures)
    print(f"Imported {outcome.imported} rows; {failed} failed (session {outcome.session}).")
    return 1 if outcome.failures else 0
