"""One started app per test module and database, shared by the module's tests: building a tenant
on PostgreSQL migrates the whole data model, too slow to repeat for every test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from storeroom.app import create_app
from storeroom.settings import load_settings
from tests.conftest import (
    DATABASES,
    PASSWORD,
    make_user_in,
    module_database,
    started,
    token_for,
)


@pytest.fixture(scope="module", params=DATABASES)
async def clients(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    postgres_template: str,
) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    """The admin, a viewer without roles, and a superuser of another tenant."""
    data_dir = tmp_path_factory.mktemp("models") / "data"
    with module_database(request.param, data_dir, sqlite_template, postgres_template) as url:
        settings = load_settings(
            environ={},
            data_dir=data_dir,
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


@pytest.fixture
def admin(clients: dict[str, httpx.AsyncClient]) -> httpx.AsyncClient:
    return clients["admin"]
