"""`storeroom migrate`: a tenant whose upgrade fails is reported and left at its previous
revision, whole; the other tenants are upgraded."""

import sqlalchemy as sa
from alembic import command

from storeroom.cli_tasks import create_tenant, migrate_all
from storeroom.db.engines import Databases
from storeroom.db.migrate import alembic_config, head_revision, tenant_revision
from storeroom.settings import Settings

FIRST_REVISION = "3b9ba5f6f61e"


async def downgrade(databases: Databases, account: str, revision: str) -> None:
    schema = databases.schema_for(account)
    async with databases.tenant_engine(account) as engine, engine.begin() as connection:
        translated = await connection.execution_options(
            schema_translate_map=databases.translate_map(account)
        )
        await translated.run_sync(
            lambda sync: command.downgrade(alembic_config("tenant", sync, schema), revision)
        )


async def table_names(databases: Databases, account: str) -> set[str]:
    async with databases.tenant_engine(account) as engine, engine.connect() as connection:
        names = await connection.run_sync(
            lambda sync: sa.inspect(sync).get_table_names(schema=databases.schema_for(account))
        )
    return set(names)


async def test_a_failing_tenant_stays_whole_at_its_revision(settings: Settings) -> None:
    await create_tenant(settings, "good")
    await create_tenant(settings, "bad")
    databases = Databases(settings)
    try:
        await downgrade(databases, "good", FIRST_REVISION)
        await downgrade(databases, "bad", FIRST_REVISION)
        # A table in the way of the upgrade's last steps makes it fail part-way through.
        schema = databases.schema_for("bad")
        prefix = f'"{schema}".' if schema else ""
        async with databases.tenant_engine("bad") as engine, engine.begin() as connection:
            await connection.execute(sa.text(f"CREATE TABLE {prefix}stockitem (id INTEGER)"))
        failures = await migrate_all(settings)
        assert failures == ["bad"]
        assert await tenant_revision(databases, "bad") == FIRST_REVISION
        assert "partcategory" not in await table_names(databases, "bad")
        assert await tenant_revision(databases, "good") == head_revision("tenant")
        assert "partcategory" in await table_names(databases, "good")
    finally:
        await databases.close()
