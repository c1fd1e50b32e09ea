"""Pricing recalculated in the background (parts/pricing_jobs.py): a pricing update queues the
parts above the part (its assemblies, at any depth, and its templates), and the
`pricing.recalculate` job over a whole tenant prices components before the assemblies that use
them. Jobs run on the application's own queue; a test waits until it has no pending job."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar

from storeroom.api.context import Started
from storeroom.app import create_app
from storeroom.background.queue import TaskQueue
from storeroom.parts.pricing_jobs import RECALCULATE
from storeroom.settings import load_settings
from tests.conftest import DATABASES, PASSWORD, POSTGRES_URL, _admin_engine, started, token_for
from tests.parts import make


@dataclass
class Priced:
    app: Litestar
    client: httpx.AsyncClient

    @property
    def queue(self) -> TaskQueue:
        chosen: Started = self.app.started  # type: ignore[attr-defined]
        return chosen.service(TaskQueue)  # type: ignore[type-abstract]

    async def settle(self) -> None:
        """Wait until the queue has run every job it was given; none may have failed."""
        for _ in range(600):
            if not await self.queue.tasks("pending"):
                break
            await asyncio.sleep(0.05)
        assert await self.queue.tasks("pending") == []
        assert [view.function for view in await self.queue.tasks("failed")] == []

    async def stored(self, part: dict[str, Any]) -> tuple[float | None, float | None]:
        found = (await self.client.get(f"/api/part/{part['pk']}/")).json()
        low, high = found["pricing_min"], found["pricing_max"]
        return (None if low is None else float(low), None if high is None else float(high))

    async def internal_price(self, part: dict[str, Any], price: str) -> None:
        await make.post(
            self.client,
            "/api/part/internal-price/",
            part=part["pk"],
            quantity=1,
            price=price,
            price_currency="USD",
        )

    async def update(self, part: dict[str, Any]) -> None:
        path = f"/api/part/{part['pk']}/pricing/"
        response = await self.client.put(path, json={"update": True})
        assert response.status_code == 200, response.text


@pytest.fixture(scope="module", params=DATABASES)
async def priced(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Priced]:
    name = url = ""
    if request.param == "postgres":
        name = f"storeroom_pricing_{uuid.uuid4().hex[:10]}"
        with _admin_engine().connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = str(sa.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(False))
    settings = load_settings(
        environ={},
        data_dir=tmp_path_factory.mktemp("pricing-jobs"),
        database_url=url,
        admin_password=PASSWORD,
        count_cache_seconds=0.0,
        log_level="WARNING",
        currency_refresh_hours=0.0,
    )
    app = create_app(settings)
    async with started(app) as client:
        client.headers["Authorization"] = f"Token {await token_for(client, 'admin')}"
        yield Priced(app, client)
    if name:
        with _admin_engine().connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def test_an_update_reprices_the_assemblies_above_the_part_in_the_background(
    priced: Priced,
) -> None:
    client = priced.client
    screw = await make.part(client, component=True)
    hinge = await make.part(client, assembly=True, component=True)
    door = await make.part(client, assembly=True)
    await make.bom_line(client, hinge["pk"], screw["pk"], 4)
    await make.bom_line(client, door["pk"], hinge["pk"], 2)
    await priced.internal_price(screw, "0.5")
    await priced.update(screw)
    await priced.settle()
    assert await priced.stored(screw) == (0.5, 0.5)
    assert await priced.stored(hinge) == (2.0, 2.0)
    assert await priced.stored(door) == (4.0, 4.0)


async def test_an_update_leaves_parts_that_do_not_use_the_part_alone(priced: Priced) -> None:
    client = priced.client
    screw, nail = await make.part(client), await make.part(client)
    uses_screw = await make.part(client, assembly=True)
    uses_nail = await make.part(client, assembly=True)
    await make.bom_line(client, uses_screw["pk"], screw["pk"], 1)
    await make.bom_line(client, uses_nail["pk"], nail["pk"], 1)
    await priced.internal_price(screw, "3")
    await priced.internal_price(nail, "5")
    await priced.update(screw)
    await priced.settle()
    assert await priced.stored(uses_screw) == (3.0, 3.0)
    assert await priced.stored(nail) == (None, None)
    assert await priced.stored(uses_nail) == (None, None)
    found = (await client.get(f"/api/part/{uses_nail['pk']}/")).json()
    assert found["pricing_updated"] is None


async def test_an_update_reprices_the_template_of_a_variant(priced: Priced) -> None:
    client = priced.client
    template = await make.part(client, is_template=True)
    variant = await make.part(client, variant_of=template["pk"])
    await priced.internal_price(variant, "7")
    await priced.update(variant)
    await priced.settle()
    assert await priced.stored(template) == (7.0, 7.0)


async def test_the_tenant_job_prices_components_before_their_assemblies(priced: Priced) -> None:
    client = priced.client
    # Made top-down, so pk order would price each assembly before its components.
    top = await make.part(client, assembly=True)
    middle = await make.part(client, assembly=True, component=True)
    bottom = await make.part(client, component=True)
    await make.bom_line(client, top["pk"], middle["pk"], 3)
    await make.bom_line(client, middle["pk"], bottom["pk"], 2)
    await priced.internal_price(bottom, "1.5")
    await priced.queue.submit(RECALCULATE, {"account": "default"})
    await priced.settle()
    assert await priced.stored(bottom) == (1.5, 1.5)
    assert await priced.stored(middle) == (3.0, 3.0)
    assert await priced.stored(top) == (9.0, 9.0)
    found = (await client.get(f"/api/part/{top['pk']}/")).json()
    assert found["pricing_updated"] is not None
