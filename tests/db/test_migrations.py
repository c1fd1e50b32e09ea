"""The migrations build exactly the tables the code declares, and tenants migrate on their own."""

from typing import Any

import sqlalchemy as sa
from litestar import Litestar

import storeroom.app  # noqa: F401  (declares every table)
from storeroom.db.metadata import platform_metadata, tenant_metadata
from storeroom.db.migrate import (
    create_tenant_at_head,
    head_revision,
    tenant_revision,
    upgrade_tenant,
)


def declared(metadata: sa.MetaData) -> dict[str, Any]:
    """Each table's columns, foreign keys (column -> table) and unique sets."""
    return {
        table.name: {
            "columns": sorted(table.c.keys()),
            "foreign_keys": sorted(
                (element.parent.name, element.column.table.name) for element in table.foreign_keys
            ),
            "unique": sorted(
                tuple(sorted(column.name for column in constraint.columns))
                for constraint in table.constraints
                if isinstance(constraint, sa.UniqueConstraint)
            ),
        }
        for table in metadata.tables.values()
    }


def reflected(connection: sa.Connection, schema: str | None) -> dict[str, Any]:
    inspector = sa.inspect(connection)
    tables = {}
    for name in inspector.get_table_names(schema=schema):
        # SQLite's search indexes are FTS5 tables (and their shadow tables), not declared ones.
        if name == "alembic_version" or "_search" in name:
            continue
        tables[name] = {
            "columns": sorted(column["name"] for column in inspector.get_columns(name, schema)),
            "foreign_keys": sorted(
                (key["constrained_columns"][0], key["referred_table"])
                for key in inspector.get_foreign_keys(name, schema)
            ),
            "unique": sorted(
                tuple(sorted(constraint["column_names"]))
                for constraint in inspector.get_unique_constraints(name, schema)
            ),
        }
    return tables


async def test_tenant_tables_match_the_declarations(app: Litestar, anonymous) -> None:
    databases = app.state.api.databases
    async with databases.tenant_engine("default") as engine, engine.connect() as connection:
        found = await connection.run_sync(reflected, databases.schema_for("default"))
    assert found == declared(tenant_metadata)


async def test_platform_tables_match_the_declarations(app: Litestar, anonymous) -> None:
    async with app.state.api.databases.platform.connect() as connection:
        found = await connection.run_sync(reflected, None)
    assert found == declared(platform_metadata)


async def test_a_new_tenant_is_at_the_head_revision(app: Litestar, make_user) -> None:
    await make_user("someone", account="fresh")
    assert await tenant_revision(app.state.api.databases, "fresh") == head_revision("tenant")


def same_default(default: str | None, schema: str | None) -> str | None:
    """A default without the schema's name (PostgreSQL's sequences); SQLite keeps a boolean
    default as written, and `true` and `1` are the same default there."""
    if default and schema:
        default = default.replace(f"{schema}.", "")
    return {"true": "1", "false": "0"}.get(default or "", default)


def described(connection: sa.Connection, schema: str | None) -> dict[str, Any]:
    """Everything about a schema's tables that a migration decides, without the schema's name."""
    inspector = sa.inspect(connection)

    def without_schema(entry: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in entry.items() if key != "referred_schema"}

    return {
        name: {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], same_default(c.get("default"), schema))
                for c in inspector.get_columns(name, schema)
            ],
            "primary_key": inspector.get_pk_constraint(name, schema),
            "foreign_keys": sorted(
                map(without_schema, inspector.get_foreign_keys(name, schema)), key=str
            ),
            "unique": sorted(inspector.get_unique_constraints(name, schema), key=str),
            "indexes": sorted(inspector.get_indexes(name, schema), key=str),
        }
        for name in sorted(inspector.get_table_names(schema=schema))
    }


async def test_a_new_tenant_built_at_head_equals_one_walked_through_every_migration(
    app: Litestar, anonymous
) -> None:
    databases = app.state.api.databases
    await upgrade_tenant(databases, "migrated")
    assert await create_tenant_at_head(databases, "athead")
    found = {}
    for account in ("migrated", "athead"):
        async with databases.tenant_engine(account) as engine, engine.connect() as connection:
            found[account] = await connection.run_sync(described, databases.schema_for(account))
    at_head, migrated = found["athead"], found["migrated"]
    assert at_head.keys() == migrated.keys()
    differences = [
        (table, aspect, at_head[table][aspect], migrated[table][aspect])
        for table in at_head
        for aspect in at_head[table]
        if at_head[table][aspect] != migrated[table][aspect]
    ]
    assert differences == []
    assert await tenant_revision(databases, "athead") == head_revision("tenant")
    # A tenant that already has tables is left to the migrations.
    assert not await create_tenant_at_head(databases, "migrated")
