"""The parts tests share the model tests' started apps (one per module and database) and their
clients: the admin, a viewer without roles and another tenant's superuser. Pricing tests get an
app of their own whose exchange rates are set by hand (EUR=0.5 against USD); star tests one with
two superusers of the same tenant (`team`: admin and colleague) and a stranger of another."""

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
from tests.models.conftest import admin, clients

__all__ = ["admin", "clients", "rated", "team"]


@pytest.fixture(scope="module", params=DATABASES)
async def rated(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    postgres_template: str,
) -> AsyncIterator[httpx.AsyncClient]:
    """An admin of a tenant whose rates are refreshed from manual_rates: 1 USD = 0.5 EUR."""
    data_dir = tmp_path_factory.mktemp("parts") / "data"
    with module_database(request.param, data_dir, sqlite_template, postgres_template) as url:
        settings = load_settings(
            environ={},
            data_dir=data_dir,
            database_url=url,
            admin_password=PASSWORD,
            count_cache_seconds=0.0,
            log_level="WARNING",
            currency_provider="manual",
            manual_rates="EUR=0.5",
            currency_refresh_hours=0.0,
        )
        async with started(create_app(settings)) as client:
            client.headers["Authorization"] = f"Token {await token_for(client, 'admin')}"
            refreshed = await client.post("/api/currency/refresh/")
            assert refreshed.status_code in (200, 201), refreshed.text
            yield client


@pytest.fixture(scope="module", params=DATABASES)
async def team(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    postgres_template: str,
) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    """Two superusers of one tenant (admin, colleague) and one of another tenant (stranger)."""
    data_dir = tmp_path_factory.mktemp("team") / "data"
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
            await make_user_in(app, "colleague", is_superuser=True)
            await make_user_in(app, "stranger", account="other", is_superuser=True)
            members = {"admin": admin}
            for username in ("colleague", "stranger"):
                member = httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
                )
                member.headers["Authorization"] = f"Token {await token_for(admin, username)}"
                members[username] = member
            admin.headers["Authorization"] = f"Token {await token_for(admin, 'admin')}"
            yield members
            for username in ("colleague", "stranger"):
                await members[username].aclose()
