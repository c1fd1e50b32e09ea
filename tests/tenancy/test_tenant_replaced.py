"""A tenant deleted and made again by the `storeroom tenant` commands while a server runs: the
server serves the new, empty tenant, never the deleted one's data, and its writes are kept."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from litestar import Litestar

from storeroom.app import create_app
from storeroom.cli_tasks import create_tenant, delete_tenant
from storeroom.settings import Settings
from tests.conftest import Client, started, token_for

LoginAs = Callable[..., Awaitable[Client]]


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(identity_header_enabled=True)


async def part_names(client: Client) -> list[str]:
    response = await client.get("/api/part/")
    assert response.status_code == 200, response.text
    return sorted(part["name"] for part in response.json())


@pytest.fixture
async def replaced(
    app: Litestar, anonymous: Client, login_as: LoginAs, settings: Settings
) -> AsyncIterator[Client]:
    """Tenant acme with a part the running app has read, deleted and created again by the
    command's functions (their own engines, as another process would have); a superuser of the
    new acme, logged in to the same running app."""
    old = await login_as("old-boss", account="acme", is_staff=True, is_superuser=True)
    assert (await old.post("/api/part/", json={"name": "Deleted tenant's part"})).is_success
    assert await part_names(old) == ["Deleted tenant's part"]
    await old.aclose()
    await delete_tenant(settings, "acme")
    await create_tenant(settings, "acme")
    new = await login_as("new-boss", account="acme", is_staff=True, is_superuser=True)
    yield new
    await new.aclose()


async def test_the_new_tenant_shows_none_of_the_deleted_tenants_data(replaced: Client) -> None:
    assert await part_names(replaced) == []


async def test_the_new_tenants_writes_are_kept_after_the_server_restarts(
    replaced: Client, app: Litestar, settings: Settings
) -> None:
    created = await replaced.post("/api/part/", json={"name": "New tenant's part"})
    assert created.status_code == 201, created.text
    assert await part_names(replaced) == ["New tenant's part"]
    async with started(create_app(settings)) as restarted:
        restarted.headers["Authorization"] = f"Token {await token_for(restarted, 'new-boss')}"
        assert await part_names(restarted) == ["New tenant's part"]


def org_admin_of(account: str) -> dict[str, str]:
    user = {"username": "idp", "is_org_admin": True}
    document = {"identity": {"account_number": account, "user": user}}
    return {"x-rh-identity": base64.b64encode(json.dumps(document).encode()).decode()}


async def test_a_deleted_tenant_comes_back_empty_on_its_next_identity_request(
    anonymous: Client, settings: Settings
) -> None:
    anonymous.headers.update(org_admin_of("gone"))
    assert (await anonymous.post("/api/part/", json={"name": "Deleted tenant's part"})).is_success
    await delete_tenant(settings, "gone")
    assert await part_names(anonymous) == []
