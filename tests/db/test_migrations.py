"""The migrations build exactly the tables the code declares, and tenants migrate on their own."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from litestar import Litestar

import storeroom.app  # noqa: F401  (declares every table)
from storeroom.db.metadata import platform_metadata, tenant_metadata
from storeroom.db.migrate import head_revision, tenant_revision


def in_schema(metadata: sa.MetaData, schema: str | None) -> sa.MetaData:
    """The tenant tables as they are in one tenant: in its schema, or in no schema (SQLite)."""
    copy = sa.MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.tables.values():
        table.to_metadata(copy, schema=schema, referred_schema_fn=lambda *_: schema)
    return copy


def compare(sync: sa.Connection, declared: sa.MetaData, schema: str | None) -> list[object]:
    options: dict[str, object] = {"compare_type": False, "compare_server_default": False}
    if schema:
        options["include_schemas"] = True
        options["include_name"] = lambda name, kind, _: kind != "schema" or name == schema
    context = MigrationContext.configure(sync, opts=options)
    return [
        difference
        for difference in compare_metadata(context, declared)
        # Alembic's own table, and SQLite's loose reports of column details, are not drift.
        if not isinstance(difference, list)
        and not (difference[0] == "remove_table" and difference[1].name == "alembic_version")
    ]


async def test_tenant_tables_match_the_declarations(app: Litestar, anonymous) -> None:
    databases = app.state.api.databases
    schema = databases.schema_for("default")
    declared = in_schema(tenant_metadata, schema)
    async with databases.tenant_engine("default").connect() as connection:
        differences = await connection.run_sync(compare, declared, schema)
    assert differences == []


async def test_platform_tables_match_the_declarations(app: Litestar, anonymous) -> None:
    async with app.state.api.databases.platform.connect() as connection:
        differences = await connection.run_sync(compare, platform_metadata, None)
    assert differences == []


async def test_a_new_tenant_is_at_the_head_revision(app: Litestar, make_user) -> None:
    await make_user("someone", account="fresh")
    assert await tenant_revision(app.state.api.databases, "fresh") == head_revision("tenant")
