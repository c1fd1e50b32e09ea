"""Alembic, run from code: the platform tables, and each tenant's tables in its schema or file.

Each tenant upgrades in one transaction, so a failure leaves it at its previous revision; PostgreSQL
and SQLite both roll DDL back.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from storeroom.db.engines import Databases, schema_name

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(kind: str, connection: sa.Connection | None, schema: str | None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS / kind))
    config.attributes["connection"] = connection
    config.attributes["version_schema"] = schema
    return config


def head_revision(kind: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(kind, None, None)).get_current_head()


async def upgrade_platform(databases: Databases) -> None:
    async with databases.platform.begin() as connection:
        await connection.run_sync(
            lambda sync: command.upgrade(alembic_config("platform", sync, None), "head")
        )


async def upgrade_tenant(databases: Databases, account: str) -> None:
    schema = databases.schema_for(account)
    async with databases.tenant_engine(account).begin() as connection:
        if schema is not None:
            await connection.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        translated = await connection.execution_options(
            schema_translate_map=databases.translate_map(account)
        )
        await translated.run_sync(
            lambda sync: command.upgrade(alembic_config("tenant", sync, schema), "head")
        )


async def tenant_revision(databases: Databases, account: str) -> str | None:
    schema = databases.schema_for(account)
    async with databases.tenant_engine(account).connect() as connection:

        def current(sync: sa.Connection) -> str | None:
            options = {"version_table_schema": schema} if schema else {}
            return MigrationContext.configure(sync, opts=options).get_current_revision()

        return await connection.run_sync(current)


async def drop_tenant_storage(databases: Databases, account: str) -> None:
    if databases.is_sqlite:
        await databases.forget_tenant(account)
        for suffix in ("", "-wal", "-shm"):
            await asyncio.to_thread(
                Path(f"{databases.tenant_file(account)}{suffix}").unlink, missing_ok=True
            )
        return
    async with databases.platform.begin() as connection:
        await connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema_name(account)}" CASCADE'))
