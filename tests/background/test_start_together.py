"""Web and worker processes started at once on a new PostgreSQL database (as the README's
commands do): one prepares the deployment (migrations, default tenant, first admin) while the
others wait, so none stops on the other's admin or tables."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa

from storeroom.api.startup import prepare
from storeroom.auth.tables import user_table
from storeroom.db.engines import Databases
from tests.background.conftest import database, settings_for
from tests.conftest import POSTGRES_URL

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="set STOREROOM_TEST_POSTGRES_URL")


async def test_three_processes_preparing_a_new_database_at_once_all_start(tmp_path: Path) -> None:
    with database("postgres") as url:
        settings = settings_for(tmp_path, url, "local")
        await asyncio.gather(*(prepare(settings) for _ in range(3)))
        databases = Databases(settings)
        try:
            async with databases.platform.connect() as connection:
                users = (await connection.execute(sa.select(user_table.c.username))).scalars()
                assert list(users) == ["admin"]
        finally:
            await databases.close()
