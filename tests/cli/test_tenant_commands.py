"""`storeroom tenant delete` asks for the account name; `createsuperuser --tenant` refuses an
unknown tenant unless told to create it; a tenant the commands delete and create again while a
server runs is served empty by that server."""

from __future__ import annotations

from litestar import Litestar

from storeroom.settings import Settings
from tests.cli.test_commands import storeroom
from tests.conftest import Client, MakeUser, token_for

SUPERUSER = ("createsuperuser", "--username", "boss", "--email", "", "--password", "pw")


def tenants(settings: Settings) -> list[str]:
    return storeroom(settings, "tenant", "list").stdout.split()


def test_tenant_delete_keeps_the_tenant_when_another_name_is_typed(settings: Settings) -> None:
    storeroom(settings, "tenant", "create", "acme")
    done = storeroom(settings, "tenant", "delete", "acme", stdin="acne\n")
    assert done.returncode == 1
    assert "Type acme to confirm" in done.stdout
    assert "not deleted" in done.stderr
    assert "acme" in tenants(settings)


def test_tenant_delete_deletes_once_the_account_name_is_typed(settings: Settings) -> None:
    storeroom(settings, "tenant", "create", "acme")
    done = storeroom(settings, "tenant", "delete", "acme", stdin="acme\n")
    assert done.returncode == 0, done.stderr
    assert "acme" not in tenants(settings)


def test_tenant_delete_with_yes_asks_nothing(settings: Settings) -> None:
    storeroom(settings, "tenant", "create", "acme")
    done = storeroom(settings, "tenant", "delete", "acme", "--yes")
    assert done.returncode == 0, done.stderr
    assert "confirm" not in done.stdout
    assert "acme" not in tenants(settings)


def test_createsuperuser_refuses_an_unknown_tenant(settings: Settings) -> None:
    done = storeroom(settings, *SUPERUSER, "--tenant", "acme")
    assert done.returncode == 1
    assert "No tenant acme" in done.stderr
    assert "--create-tenant" in done.stderr
    assert "acme" not in tenants(settings)


def test_createsuperuser_creates_the_tenant_when_asked(settings: Settings) -> None:
    done = storeroom(settings, *SUPERUSER, "--tenant", "acme", "--create-tenant")
    assert done.returncode == 0, done.stderr
    assert "acme" in tenants(settings)


def test_createsuperuser_into_an_existing_tenant(settings: Settings) -> None:
    storeroom(settings, "tenant", "create", "acme")
    done = storeroom(settings, *SUPERUSER, "--tenant", "acme")
    assert done.returncode == 0, done.stderr


async def test_a_tenant_the_commands_replace_is_served_empty_by_a_running_server(
    settings: Settings, app: Litestar, anonymous: Client, make_user: MakeUser
) -> None:
    await make_user("old", account="acme", is_superuser=True)
    headers = {"Authorization": f"Token {await token_for(anonymous, 'old')}"}
    assert (await anonymous.post("/api/part/", json={"name": "Old"}, headers=headers)).is_success
    assert len((await anonymous.get("/api/part/", headers=headers)).json()) == 1
    assert storeroom(settings, "tenant", "delete", "acme", "--yes").returncode == 0
    assert storeroom(settings, "tenant", "create", "acme").returncode == 0
    await make_user("new", account="acme", is_superuser=True)
    headers = {"Authorization": f"Token {await token_for(anonymous, 'new')}"}
    assert (await anonymous.get("/api/part/", headers=headers)).json() == []
    assert (await anonymous.post("/api/part/", json={"name": "New"}, headers=headers)).is_success
    names = [part["name"] for part in (await anonymous.get("/api/part/", headers=headers)).json()]
    assert names == ["New"]
