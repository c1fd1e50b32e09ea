"""One started app per test module and database (a tenant's data model takes seconds to build on
PostgreSQL), with the clients the order tests need and small factories for orders."""

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
from storeroom.api.resource import Resource
from storeroom.app import create_app
from storeroom.auth.tables import group_table, rule_table, user_group_table
from storeroom.models.order_purchase import PURCHASE_ORDER, PURCHASE_ORDER_LINE_ITEM
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

# PurchaseOrderStatus keys (docs/api-behaviour.md, "Status classes").
PENDING, PLACED, ON_HOLD, COMPLETE, CANCELLED, LOST, RETURNED = 10, 20, 25, 30, 40, 50, 60
ALL_STATES = (PENDING, PLACED, ON_HOLD, COMPLETE, CANCELLED, LOST, RETURNED)
Row = dict[str, Any]


@dataclass
class Orders:
    """The started app and its clients: `admin` (superuser), `viewer` (may view and add
    purchase orders, not change them), `stranger` (a superuser of another tenant)."""

    app: Litestar
    clients: dict[str, httpx.AsyncClient]

    async def order(self, status: int = PENDING, **fields: Any) -> dict[str, Any]:
        """A purchase order of the default tenant, put in `status` directly in the database
        (LOST and RETURNED are reached by no action)."""
        order = await make(self.clients["admin"], PURCHASE_ORDER, **fields)
        if status != PENDING:
            await self.write(PURCHASE_ORDER.table, order["pk"], status=status)
        return order

    async def made(self, resource: Resource, status: int | None = None, **fields: Any) -> Row:
        """An object of `resource` made through the API, its status then set in the database."""
        made = await make(self.clients["admin"], resource, **fields)
        if status is not None:
            await self.write(resource.table, made["pk"], status=status)
        return made

    async def sales_line(self, **fields: Any) -> Row:
        """A sales order line of a part of its own (stock can be allocated to it)."""
        part = await make(self.clients["admin"], BY_MODEL_TYPE["part"], virtual=False)
        return await self.made(BY_MODEL_TYPE["salesorderlineitem"], part=part["pk"], **fields)

    async def allocation(self, line: Row, quantity: float, **fields: Any) -> Row:
        """An allocation to `line` of a new item of its part (without a shipment unless one is
        given: a shipment must be of the line's order)."""
        item = await make(
            self.clients["admin"],
            BY_MODEL_TYPE["stockitem"],
            part=line["part"],
            quantity=1000,
            serial=None,
            status=10,
            is_building=False,
        )
        values = {"line": line["pk"], "item": item["pk"], "quantity": quantity, "shipment": None}
        return await self.made(BY_MODEL_TYPE["salesorderallocation"], **{**values, **fields})

    async def read(self, resource: Resource, pk: int) -> Row:
        response = await self.clients["admin"].get(f"{resource.path}{pk}/")
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def act(self, resource: Resource, pk: int, name: str, **body: Any) -> httpx.Response:
        return await self.clients["admin"].post(f"{resource.path}{pk}/{name}/", json=body)

    async def line(self, order: dict[str, Any], quantity: float, received: float) -> None:
        line = await make(
            self.clients["admin"], PURCHASE_ORDER_LINE_ITEM, order=order["pk"], quantity=quantity
        )
        await self.write(PURCHASE_ORDER_LINE_ITEM.table, line["pk"], received=received)

    async def write(self, table: sa.Table, pk: int, **values: Any) -> None:
        context: ApiContext = self.app.state.api
        async with context.databases.tenant_transaction("default") as connection:
            await connection.execute(sa.update(table).where(table.c.id == pk).values(**values))

    async def stored(self, order: dict[str, Any]) -> dict[str, Any]:
        response = await self.clients["admin"].get(f"/api/order/po/{order['pk']}/")
        assert response.status_code == 200, response.text
        return dict(response.json())


@pytest.fixture(scope="module", params=DATABASES)
async def orders(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    postgres_template: str,
) -> AsyncIterator[Orders]:
    data_dir = tmp_path_factory.mktemp("orders") / "data"
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
            await grant(app, "viewer", {"purchase_order": ("view", "add")})
            await make_user_in(app, "stranger", account="other", is_superuser=True)
            clients = {"admin": admin}
            for username in ("viewer", "stranger"):
                client = httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
                )
                client.headers["Authorization"] = f"Token {await token_for(admin, username)}"
                clients[username] = client
            admin.headers["Authorization"] = f"Token {await token_for(admin, 'admin')}"
            yield Orders(app, clients)
            for username in ("viewer", "stranger"):
                await clients[username].aclose()


async def grant(app: Litestar, username: str, rules: dict[str, tuple[str, ...]]) -> None:
    """A user of the default tenant with these rulesets: {"part": ("view", "add")}."""
    context: ApiContext = app.state.api
    user_id = await make_user_in(app, username)
    async with context.databases.platform.begin() as connection:
        group = await connection.execute(
            sa.insert(group_table).values(account="default", name=f"{username}-group")
        )
        group_id = group.inserted_primary_key[0]  # type: ignore[index]
        await connection.execute(
            sa.insert(user_group_table).values(user_id=user_id, group_id=group_id)
        )
        for ruleset, actions in rules.items():
            await connection.execute(
                sa.insert(rule_table).values(
                    group_id=group_id, ruleset=ruleset, **{f"can_{a}": True for a in actions}
                )
            )
