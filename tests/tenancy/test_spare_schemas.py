"""PostgreSQL keeps spare tenant schemas ready: a new tenant takes one (a rename, not ~100 DDL
statements), works like any other, and the pool is topped up again. On SQLite there are none:
each tenant is its own file, built in milliseconds."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import sqlalchemy as sa
from litestar import Litestar

from storeroom.app import create_app
from storeroom.db.migrate import head_revision, tenant_revision
from storeroom.db.spares import SPARE_PREFIX, spare_schemas
from storeroom.settings import Settings
from tests.conftest import PASSWORD, Client, basic, make_user_in, started


async def spares_of(app: Litestar) -> list[str]:
    databases = app.state.api.databases
    if databases.is_sqlite:
        return []
    async with databases.platform.connect() as connection:
        return await spare_schemas(connection)


async def until_spares(app: Litestar, count: int) -> list[str]:
    for _ in range(600):
        found = await spares_of(app)
        if len(found) >= count:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"{count} spare schemas were never built: {found}")


async def test_a_new_tenant_takes_a_spare_schema_and_the_pool_refills(
    make_settings: Callable[..., Settings],
) -> None:
    app = create_app(make_settings(spare_tenant_schemas=2))
    async with started(app) as anonymous:
        databases = app.state.api.databases
        if databases.is_sqlite:
            await make_user_in(app, "ada", account="fresh")
            assert await spares_of(app) == []
            assert await tenant_revision(databases, "fresh") == head_revision("tenant")
            return
        before = await until_spares(app, 2)
        assert all(name.startswith(SPARE_PREFIX) for name in before)
        await make_user_in(app, "ada", account="fresh", is_staff=True, is_superuser=True)
        after = await spares_of(app)
        # One spare became the tenant's schema...
        assert len(set(before) - set(after)) == 1
        async with databases.platform.connect() as connection:
            taken = await connection.scalar(
                sa.text("SELECT 1 FROM pg_namespace WHERE nspname = 'acctfresh'")
            )
        assert taken == 1
        assert await tenant_revision(databases, "fresh") == head_revision("tenant")
        # ...which works like any tenant's, ids from 1...
        await check_the_tenant_works(anonymous)
        # ...and the pool is full again.
        assert len(await until_spares(app, 2)) == 2


async def check_the_tenant_works(anonymous: Client) -> None:
    headers = basic("ada", PASSWORD)
    created = await anonymous.post("/api/part/category/", json={"name": "Bolts"}, headers=headers)
    assert created.status_code == 201, created.text
    assert created.json()["pk"] == 1
    listed = await anonymous.get("/api/part/category/", headers=headers)
    assert [category["name"] for category in listed.json()] == ["Bolts"]


async def test_a_spare_at_another_revision_is_dropped_not_claimed(
    make_settings: Callable[..., Settings],
) -> None:
    app = create_app(make_settings(spare_tenant_schemas=1))
    async with started(app):
        databases = app.state.api.databases
        if databases.is_sqlite:
            assert await spares_of(app) == []
            return
        (spare,) = await until_spares(app, 1)
        async with databases.platform.begin() as connection:
            await connection.execute(
                sa.text(f'UPDATE "{spare}".alembic_version SET version_num = :old'),  # noqa: S608
                {"old": "3b9ba5f6f61e"},
            )
        await make_user_in(app, "ada", account="other")
        assert spare not in await spares_of(app)
        assert await tenant_revision(databases, "other") == head_revision("tenant")
