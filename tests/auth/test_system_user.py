"""System users authenticate with pre-shared keys (docs/api-behaviour.md, "Authentication")."""

import pytest

from tests.conftest import Client


@pytest.fixture
async def service(make_settings, anonymous_factory) -> Client:
    return await anonymous_factory(make_settings(system_user_keys="billing=s3cret,audit=other"))


def headers(
    key: str = "s3cret", account: str = "default", client: str = "billing"
) -> dict[str, str]:
    return {"x-rh-rbac-psk": key, "x-rh-rbac-account": account, "x-rh-rbac-client-id": client}


async def test_right_key_acts_as_a_system_user_of_the_account(service: Client) -> None:
    response = await service.get("/api/error-report/", headers=headers())
    assert response.status_code == 200
    assert response.json() == []


async def test_wrong_key_is_401(service: Client) -> None:
    response = await service.get("/api/error-report/", headers=headers(key="nope"))
    assert response.status_code == 401
    assert "pre-shared key" in response.json()["detail"]


async def test_another_clients_key_is_401(service: Client) -> None:
    response = await service.get("/api/error-report/", headers=headers(key="other"))
    assert response.status_code == 401


async def test_unknown_account_is_404(service: Client) -> None:
    response = await service.get("/api/error-report/", headers=headers(account="99999"))
    assert response.status_code == 404
    assert "99999" in response.json()["detail"]


async def test_system_users_have_no_user_record(service: Client) -> None:
    response = await service.get("/api/user/me/", headers=headers())
    assert response.status_code == 403
