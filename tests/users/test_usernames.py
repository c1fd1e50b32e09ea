"""Usernames are one whatever their case, as InvenTree's (django-allauth's) are: `Admin` cannot be
made beside `admin`, and `ADMIN` logs in as `admin` (issue 12, operator friction)."""

import pytest
from litestar import Litestar

from storeroom.errors import Conflict
from tests.conftest import PASSWORD, Client, basic, make_user_in


async def test_a_user_differing_only_in_case_cannot_be_made(
    app: Litestar, anonymous: Client
) -> None:
    with pytest.raises(Conflict, match="already exists"):
        await make_user_in(app, "Admin")


async def test_a_user_differing_only_in_case_cannot_be_made_in_another_tenant(
    app: Litestar, anonymous: Client
) -> None:
    with pytest.raises(Conflict, match="already exists"):
        await make_user_in(app, "ADMIN", account="acme")


async def test_a_user_logs_in_whatever_the_case_of_its_name(anonymous: Client) -> None:
    response = await anonymous.get("/api/user/me/", headers=basic("ADMIN", PASSWORD))
    assert response.status_code == 200
    assert response.json()["username"] == "admin"


async def test_a_session_login_ignores_the_case_of_the_name(anonymous: Client) -> None:
    body = {"username": "Admin", "password": PASSWORD}
    assert (await anonymous.post("/api/auth/login/", json=body)).status_code == 200


async def test_renaming_to_another_users_name_in_another_case_is_refused(
    login_as, client: Client
) -> None:
    user = await login_as("grace")
    response = await user.patch("/api/user/me/", json={"username": "ADMIN"})
    assert response.status_code == 400
    assert "already exists" in response.json()["username"][0]


async def test_a_user_may_change_the_case_of_its_own_name(client: Client) -> None:
    response = await client.patch("/api/user/me/", json={"username": "Admin"})
    assert response.status_code == 200
    assert response.json()["username"] == "Admin"
