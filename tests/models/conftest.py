"""One started app per test module and database, shared by the module's tests: building a tenant
on PostgreSQL migrates the whole data model, too slow to repeat for every test."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
import sqlalchemy as sa

from storeroom.app import create_app
from storeroom.settings import load_settings
from tests.conftest import (
    DATABASES,
    PASSWORD,
    POSTGRES_URL,
    _admin_engine,
    make_user_in,
    started,
    token_for,
)


@pytest.fixture(scope="module", params=DATABASES)
async def clients(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    """The admin, a viewer without roles, and a superuser of another tenant."""
    name = ""
    url = ""
    if request.param == "postgres":
        name = f"storeroom_models_{uuid.uuid4().hex[:10]}"
        with _admin_engine().connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = str(sa.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(False))
    settings = load_settings(
        environ={},
        data_dir=tmp_path_factory.mktemp("models"),
        database_url=url,
        admin_password=PASSWORD,
        count_cache_seconds=0.0,
        log_level="WARNING",
    )
    app = create_app(settings)
    async with started(app) as admin:
        await make_user_in(app, "viewer")
        await make_user_in(app, "stranger", account="other", is_superuser=True)
        clients = {"admin": admin}
        for username in ("viewer", "stranger"):
            client = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
            )
            client.headers["Authorization"] = f"Token {await token_for(admin, username)}"
            clients[username] = client
        admin.headers["Authorization"] = f"Token {await token_for(admin, 'admin')}"
        yield clients
        for username in ("viewer", "stranger"):
            await clients[username].aclose()
    if name:
        with _admin_engine().connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def admin(clients: dict[str, httpx.AsyncClient]) -> httpx.AsyncClient:
    return clients["admin"]
