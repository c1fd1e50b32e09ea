"""Two tenants with overlapping ids never see, change or delete each other's data, whatever the
mechanism they authenticate with."""

import base64
import json

import pytest

from tests.conftest import PASSWORD, Client, basic, token_for
from tests.error_reports.factories import make_reports

SECRET = "ACME-SECRET "


@pytest.fixture
def settings(make_settings):
    return make_settings(identity_header_enabled=True, system_user_keys="svc=k3y")


@pytest.fixture
async def acme(app, make_user, anonymous: Client) -> dict[str, str]:
    """Tenant `acme` beside `default`: a superuser `road` and three reports in each tenant, with
    the same ids. Returns acme's auth headers by mechanism."""
    await make_user("road", account="acme", is_staff=True, is_superuser=True)
    assert await make_reports(app, 3) == await make_reports(app, 3, "acme", marker=SECRET)
    document = {
        "identity": {"account_number": "acme", "user": {"username": "idp", "is_org_admin": True}}
    }
    return {
        "token": f"Token {await token_for(anonymous, 'road')}",
        "basic": basic("road", PASSWORD)["Authorization"],
        "identity": base64.b64encode(json.dumps(document).encode()).decode(),
    }


def acme_headers(acme: dict[str, str], mechanism: str) -> dict[str, str]:
    if mechanism == "identity":
        return {"x-rh-identity": acme["identity"]}
    if mechanism == "system":
        return {"x-rh-rbac-psk": "k3y", "x-rh-rbac-account": "acme", "x-rh-rbac-client-id": "svc"}
    return {"Authorization": acme[mechanism]}


MECHANISMS = ["token", "basic", "identity", "system"]


async def test_default_tenant_never_sees_acme_data(client: Client, acme) -> None:
    for path in (
        "/api/error-report/",
        "/api/error-report/?limit=10",
        "/api/error-report/?search=SECRET",
        "/api/error-report/?export=csv",
        "/api/error-report/?export=json",
        "/api/error-report/1/",
        "/api/error-report/2/",
    ):
        response = await client.get(path)
        assert SECRET.strip() not in response.text, path
    assert (await client.get("/api/error-report/?search=SECRET")).json() == []


@pytest.mark.parametrize("mechanism", MECHANISMS)
async def test_acme_sees_only_its_own_reports(anonymous: Client, acme, mechanism: str) -> None:
    body = (await anonymous.get("/api/error-report/", headers=acme_headers(acme, mechanism))).json()
    assert len(body) == 3
    assert all(item["info"].startswith("ValueError: " + SECRET) for item in body)


@pytest.mark.parametrize("mechanism", MECHANISMS)
async def test_acme_deletes_never_reach_default(
    client: Client, anonymous: Client, acme, mechanism: str
) -> None:
    headers = acme_headers(acme, mechanism)
    await anonymous.request("DELETE", "/api/error-report/", json={"items": [1, 2]}, headers=headers)
    await anonymous.delete("/api/error-report/3/", headers=headers)
    assert (await anonymous.get("/api/error-report/", headers=headers)).json() == []
    mine = (await client.get("/api/error-report/")).json()
    assert sorted(item["pk"] for item in mine) == [1, 2, 3]


async def test_session_login_lands_in_the_users_tenant(anonymous: Client, acme) -> None:
    login = await anonymous.post(
        "/api/auth/login/", json={"username": "road", "password": PASSWORD}
    )
    assert login.status_code == 200
    body = (await anonymous.get("/api/error-report/")).json()
    assert all(SECRET in item["info"] for item in body)
    assert len(body) == 3


async def test_a_users_identity_never_spans_tenants(
    client: Client, acme, anonymous: Client
) -> None:
    me_default = (await client.get("/api/user/me/")).json()
    me_acme = (await anonymous.get("/api/user/me/", headers=acme_headers(acme, "token"))).json()
    assert (me_default["username"], me_acme["username"]) == ("admin", "road")
