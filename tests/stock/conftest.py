"""One started app per test module and database, with the clients the stock tests need and small
factories for parts, locations and items."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.context import ApiContext
from storeroom.app import create_app
from storeroom.models.registry import BY_MODEL_TYPE
from storeroom.settings import load_settings
from tests.conftest import (
    DATABASES,
    PASSWORD,
    make_user_in,
    module_database,
    started,
    token_for,
)
from tests.models.make import make

PART, LOCATION, ITEM = (
    BY_MODEL_TYPE["part"],
    BY_MODEL_TYPE["stocklocation"],
    BY_MODEL_TYPE["stockitem"],
)
COMPANY = BY_MODEL_TYPE["company"]


@dataclass
class Stock:
    """The started app and its clients: `admin` (superuser), `stranger` (a superuser of another
    tenant)."""

    app: Litestar
    clients: dict[str, httpx.AsyncClient]

    @property
    def admin(self) -> httpx.AsyncClient:
        return self.clients["admin"]

    async def part(self, **fields: Any) -> dict[str, Any]:
        plain = {"trackable": False, "is_template": False, "active": True, "virtual": False}
        return await make(self.admin, PART, **{**plain, **fields})

    async def location(self, **fields: Any) -> dict[str, Any]:
        return await make(self.admin, LOCATION, **{"structural": False, **fields})

    async def customer(self) -> dict[str, Any]:
        return await make(self.admin, COMPANY, is_customer=True)

    async def item(self, quantity: float = 10, **fields: Any) -> dict[str, Any]:
        if "part" not in fields:
            fields["part"] = (await self.part())["pk"]
        plain = {"is_building": False, "delete_on_deplete": False, "status": 10, "serial": None}
        return await make(self.admin, ITEM, quantity=quantity, **{**plain, **fields})

    async def read(self, item: dict[str, Any] | int) -> dict[str, Any]:
        pk = item if isinstance(item, int) else item["pk"]
        response = await self.admin.get(f"/api/stock/{pk}/")
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def history(self, item: dict[str, Any] | int) -> list[dict[str, Any]]:
        pk = item if isinstance(item, int) else item["pk"]
        response = await self.admin.get(f"/api/stock/track/?item={pk}&ordering=date")
        assert response.status_code == 200, response.text
        return list(response.json())

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        context: ApiContext = self.app.state.api
        async with context.databases.tenant_transaction("default") as connection:
            yield connection


@pytest.fixture(scope="module", params=DATABASES)
async def stock(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    postgres_template: str,
) -> AsyncIterator[Stock]:
    data_dir = tmp_path_factory.mktemp("stock") / "data"
    with module_database(request.param, data_dir, sqlite_template, postgres_template) as url:
        settings = load_settings(
            environ={},
            data_dir=data_dir,
            database_url=url,
            admin_password=PASSWORD,
            count_cache_seconds=0.0,
            currency_refresh_hours=0.0,
            log_level="WARNING",
        )
        app = create_app(settings)
        async with started(app) as admin:
            await make_user_in(app, "stranger", account="other", is_superuser=True)
            clients = {"admin": admin}
            stranger = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
            )
            stranger.headers["Authorization"] = f"Token {await token_for(admin, 'stranger')}"
            clients["stranger"] = stranger
            admin.headers["Authorization"] = f"Token {await token_for(admin, 'admin')}"
            yield Stock(app, clients)
            await stranger.aclose()
