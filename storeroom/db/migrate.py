"""Alembic, run from code: the platform tables, and each tenant's tables in its schema or file.

Each tenant upgrades in one transaction, so a failure leaves it at its previous revision; PostgreSQL
and SQLite both roll DDL back. A brand-new tenant is not walked through every revision: its tables
are created from the declarations at head in one script and stamped with the head revision
(tests/db/test_migrations.py proves both ways build the same tables). Migrations therefore must
not insert rows that a new tenant needs.
"""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.schema import CreateIndex, CreateTable

from storeroom.db.engines import Databases, schema_name
from storeroom.db.metadata import TENANT_SCHEMA, tenant_metadata
from storeroom.db.search_index import search_ddl

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(kind: str, connection: sa.Connection | None, schema: str | None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS / kind))
    config.attributes["connection"] = connection
    config.attributes["version_schema"] = schema
    return config


@functools.cache
def head_revision(kind: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(kind, None, None)).get_current_head()


@functools.cache
def tenant_ddl(dialect: sa.Dialect) -> tuple[str, ...]:
    """Every statement that builds a tenant's tables at head, naming the schema SCHEMA_MARK (see
    `for_schema`): compiling them for each new tenant would cost more than creating them."""
    marked = {TENANT_SCHEMA: SCHEMA_MARK}
    statements: list[sa.schema.ExecutableDDLElement] = []
    for table in tenant_metadata.sorted_tables:
        statements.append(CreateTable(table))
        statements.extend(CreateIndex(index) for index in sorted(table.indexes, key=str))
    compiled = [
        str(
            statement.compile(
                dialect=dialect,
                schema_translate_map=marked,
                render_schema_translate=True,
            )
        )
        for statement in statements
    ]
    indexes = search_ddl(dialect.name, tenant_metadata.sorted_tables, f"{SCHEMA_MARK}.")
    return (*compiled, *indexes)


SCHEMA_MARK = "storeroom_schema_mark"


def for_schema(statement: str, schema: str | None) -> str:
    return statement.replace(f"{SCHEMA_MARK}.", f'"{schema}".' if schema else "")


# The table alembic keeps its revision in, as alembic itself creates it.
VERSION_TABLE = (
    "CREATE TABLE {prefix}alembic_version (version_num VARCHAR(32) NOT NULL, "
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)


async def upgrade_platform(databases: Databases) -> None:
    async with databases.platform.begin() as connection:
        await connection.run_sync(
            lambda sync: command.upgrade(alembic_config("platform", sync, None), "head")
        )


async def upgrade_tenant(databases: Databases, account: str) -> None:
    schema = databases.schema_for(account)
    async with (
        databases.tenant_engine(account, create=True) as engine,
        engine.begin() as connection,
    ):
        if schema is not None:
            await connection.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        translated = await connection.execution_options(
            schema_translate_map=databases.translate_map(account)
        )
        await translated.run_sync(
            lambda sync: command.upgrade(alembic_config("tenant", sync, schema), "head")
        )


async def create_tenant_at_head(databases: Databases, account: str) -> bool:
    """Build a new tenant's tables in one transaction; False if it already has tables (then
    `upgrade_tenant` is the way)."""
    schema = databases.schema_for(account)
    async with (
        databases.tenant_engine(account, create=True) as engine,
        engine.begin() as connection,
    ):
        if schema is not None:
            exists = await connection.scalar(
                sa.text("SELECT 1 FROM pg_namespace WHERE nspname = :schema"), {"schema": schema}
            )
            if exists:
                return False
        else:
            found = await connection.scalar(
                sa.text("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
            )
            if found:
                return False
        await build_at_head(connection, schema)
    return True


async def build_at_head(connection: AsyncConnection, schema: str | None) -> None:
    """The tables at head and the head revision, in `schema` (PostgreSQL, created here) or in
    the connection's own SQLite file."""
    if not tenant_metadata.tables:
        raise RuntimeError("No tenant tables are declared: import storeroom.app first.")
    if schema is not None:
        await connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    # The schema name passed check_account (or is a spare's); the revision is our own constant.
    prefix = f'"{schema}".' if schema else ""
    script = [
        *(for_schema(statement, schema) for statement in tenant_ddl(connection.dialect)),
        VERSION_TABLE.format(prefix=prefix),
        f"INSERT INTO {prefix}alembic_version VALUES ('{head_revision('tenant')}')",  # noqa: S608
    ]
    if schema is not None:
        # One round trip: asyncpg runs a script without parameters as a simple query, inside
        # the transaction SQLAlchemy has already begun on this connection.
        raw = await connection.get_raw_connection()
        await raw.driver_connection.execute(";\n".join(script))  # type: ignore[union-attr]
    else:
        for statement in script:
            await connection.exec_driver_sql(statement)


async def tenant_revision(databases: Databases, account: str) -> str | None:
    schema = databases.schema_for(account)
    async with databases.tenant_engine(account) as engine, engine.connect() as connection:

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
