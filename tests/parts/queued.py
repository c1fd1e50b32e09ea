"""An app whose background jobs run on its own queue (pricing, stocktake reports), with an admin
client; `settle()` waits until the queue has run every job it was given."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar

from storeroom.api.context import Started
from storeroom.app import create_app
from storeroom.background.queue import TaskQueue
from storeroom.settings import load_settings
from tests.conftest import (
    DATABASES,
    PASSWORD,
    module_database,
    started,
    token_for,
)
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
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    postgres_template: str,
) -> AsyncIterator[Priced]:
    data_dir = tmp_path_factory.mktemp("pricing-jobs") / "data"
    with module_database(request.param, data_dir, sqlite_template, postgres_template) as url:
        settings = load_settings(
            environ={},
            data_dir=data_dir,
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
