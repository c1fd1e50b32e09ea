"""The migrations build exactly the tables the code declares, and tenants migrate on their own."""

from typing import Any

import sqlalchemy as sa
from litestar import Litestar

import storeroom.app  # noqa: F401  (declares every table)
from storeroom.db.metadata import platform_metadata, tenant_metadata
from storeroom.db.migrate import head_revision, tenant_revision


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
        if name == "alembic_version":
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
    async with databases.tenant_engine("default").connect() as connection:
        found = await connection.run_sync(reflected, databases.schema_for("default"))
    assert found == declared(tenant_metadata)


async def test_platform_tables_match_the_declarations(app: Litestar, anonymous) -> None:
    async with app.state.api.databases.platform.connect() as connection:
        found = await connection.run_sync(reflected, None)
    assert found == declared(platform_metadata)


async def test_a_new_tenant_is_at_the_head_revision(app: Litestar, make_user) -> None:
    await make_user("someone", account="fresh")
    assert await tenant_revision(app.state.api.databases, "fresh") == head_revision("tenant")
