"""One started app per test module and database, with the clients the build tests need and small
factories: an assembly with a BOM, stock of its components, builds in any state."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar

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
BOM, BUILD = BY_MODEL_TYPE["bomitem"], BY_MODEL_TYPE["build"]
# BuildStatus keys.
PENDING, PRODUCTION, ON_HOLD, CANCELLED, COMPLETE = 10, 20, 25, 30, 40
ALL_STATES = (PENDING, PRODUCTION, ON_HOLD, CANCELLED, COMPLETE)


@dataclass
class Assembly:
    """An assembly part, its components by name and their BOM items."""

    part: dict[str, Any]
    components: dict[str, dict[str, Any]]
    bom: dict[str, dict[str, Any]]


@dataclass
class Builds:
    """The started app and its clients: `admin` (superuser), `stranger` (a superuser of another
    tenant)."""

    app: Litestar
    clients: dict[str, httpx.AsyncClient]

    @property
    def admin(self) -> httpx.AsyncClient:
        return self.clients["admin"]

    async def part(self, **fields: Any) -> dict[str, Any]:
        plain = {"trackable": False, "is_template": False, "variant_of": None, "active": True}
        return await make(self.admin, PART, **{**plain, **fields})

    async def location(self, **fields: Any) -> dict[str, Any]:
        return await make(self.admin, LOCATION, **{"external": False, **fields})

    async def item(
        self, part: dict[str, Any], quantity: float = 10, **fields: Any
    ) -> dict[str, Any]:
        plain = {
            "is_building": False,
            "delete_on_deplete": False,
            "status": 10,
            "serial": None,
            "location": None,
            "build": None,
            "consumed_by": None,
            "belongs_to": None,
            "sales_order": None,
            "customer": None,
        }
        return await make(
            self.admin, ITEM, part=part["pk"], quantity=quantity, **{**plain, **fields}
        )

    async def assembly(self, **per_unit: float) -> Assembly:
        """An assembly needing `name=quantity` of each component (untracked, plain)."""
        assembly = await self.part(assembly=True)
        components: dict[str, dict[str, Any]] = {}
        bom: dict[str, dict[str, Any]] = {}
        for name, quantity in per_unit.items():
            components[name] = await self.part(component=True)
            bom[name] = await self.bom(assembly, components[name], quantity)
        return Assembly(assembly, components, bom)

    async def bom(
        self, assembly: dict[str, Any], component: dict[str, Any], quantity: float, **fields: Any
    ) -> dict[str, Any]:
        plain = {
            "overage": "",
            "optional": False,
            "consumable": False,
            "allow_variants": False,
            "inherited": False,
        }
        return await make(
            self.admin,
            BOM,
            part=assembly["pk"],
            sub_part=component["pk"],
            quantity=quantity,
            **{**plain, **fields},
        )

    async def build(
        self, assembly: dict[str, Any], quantity: float = 1, status: int = PENDING, **fields: Any
    ) -> dict[str, Any]:
        plain = {"parent": None, "destination": None, "take_from": None, "sales_order": None}
        build = await make(
            self.admin, BUILD, part=assembly["pk"], quantity=quantity, **{**plain, **fields}
        )
        if status != PENDING:
            await self.write(BUILD.table, build["pk"], status=status)
        return build

    async def write(self, table: sa.Table, pk: int, **values: Any) -> None:
        context: ApiContext = self.app.state.api
        async with context.databases.tenant_transaction("default") as connection:
            await connection.execute(sa.update(table).where(table.c.id == pk).values(**values))

    async def get(self, path: str) -> Any:
        response = await self.admin.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    async def read(self, build: dict[str, Any]) -> dict[str, Any]:
        return dict(await self.get(f"/api/build/{build['pk']}/"))

    async def lines(self, build: dict[str, Any]) -> list[dict[str, Any]]:
        return list(await self.get(f"/api/build/line/?build={build['pk']}"))

    async def post(self, build: dict[str, Any], action: str, body: Any = None) -> httpx.Response:
        return await self.admin.post(f"/api/build/{build['pk']}/{action}/", json=body)

    async def allocate(
        self, build: dict[str, Any], line: dict[str, Any], item: dict[str, Any], quantity: float
    ) -> httpx.Response:
        entry = {"build_line": line["pk"], "stock_item": item["pk"], "quantity": quantity}
        return await self.post(build, "allocate", {"items": [entry]})


@pytest.fixture(scope="module", params=DATABASES)
async def builds(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    postgres_template: str,
) -> AsyncIterator[Builds]:
    data_dir = tmp_path_factory.mktemp("builds") / "data"
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
            stranger = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
            )
            stranger.headers["Authorization"] = f"Token {await token_for(admin, 'stranger')}"
            admin.headers["Authorization"] = f"Token {await token_for(admin, 'admin')}"
            yield Builds(app, {"admin": admin, "stranger": stranger})
            await stranger.aclose()
