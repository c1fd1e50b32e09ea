"""The x-rh-identity header (docs/api-behaviour.md, "Authentication")."""

import asyncio
import base64
import json

import pytest

from tests.conftest import Client


def identity(account: str = "12345", username: str = "alice", admin: bool = False) -> str:
    document = {
        "identity": {
            "account_number": account,
            "user": {
                "username": username,
                "email": f"{username}@example.com",
                "is_org_admin": admin,
            },
        }
    }
    return base64.b64encode(json.dumps(document).encode()).decode()


@pytest.fixture
async def gateway(make_settings, anonymous_factory) -> Client:
    return await anonymous_factory(make_settings(identity_header_enabled=True))


async def test_valid_header_creates_tenant_and_user_on_first_sight(gateway: Client) -> None:
    response = await gateway.get("/api/user/me/", headers={"x-rh-identity": identity()})
    assert response.status_code == 200
    assert response.json()["username"] == "alice"
    assert response.json()["is_staff"] is False
    again = await gateway.get("/api/user/me/", headers={"x-rh-identity": identity()})
    assert again.json()["pk"] == response.json()["pk"]


async def test_org_admins_get_admin_rights(gateway: Client) -> None:
    headers = {"x-rh-identity": identity(username="boss", admin=True)}
    assert (await gateway.get("/api/error-report/", headers=headers)).status_code == 200
    plain = {"x-rh-identity": identity(username="worker")}
    assert (await gateway.get("/api/error-report/", headers=plain)).status_code == 403


async def test_missing_padding_is_tolerated(gateway: Client) -> None:
    header = identity(username="padless1").rstrip("=")
    assert header != identity(username="padless1")
    response = await gateway.get("/api/user/me/", headers={"x-rh-identity": header})
    assert response.status_code == 200
    assert response.json()["username"] == "padless1"


BAD_HEADERS = {
    "not base64": ("%%%not-base64%%%", "not valid base64"),
    "not json": (base64.b64encode(b"hello").decode(), "not UTF-8 JSON"),
    "not an object": (base64.b64encode(b"[1, 2]").decode(), "JSON object"),
    "no account": (
        base64.b64encode(json.dumps({"identity": {"user": {"username": "x"}}}).encode()).decode(),
        "account_number",
    ),
    "no username": (
        base64.b64encode(
            json.dumps({"identity": {"account_number": "1", "user": {}}}).encode()
        ).decode(),
        "username",
    ),
}


@pytest.mark.parametrize("case", list(BAD_HEADERS))
async def test_malformed_headers_are_401_with_a_clear_message(gateway: Client, case: str) -> None:
    header, message = BAD_HEADERS[case]
    response = await gateway.get("/api/user/me/", headers={"x-rh-identity": header})
    assert response.status_code == 401
    assert message in response.json()["detail"]


async def test_header_is_ignored_when_disabled(anonymous: Client) -> None:
    response = await anonymous.get("/api/user/me/", headers={"x-rh-identity": identity()})
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


async def test_token_wins_over_the_identity_header(gateway: Client) -> None:
    response = await gateway.get(
        "/api/user/me/",
        headers={"x-rh-identity": identity(), "Authorization": "Token not-a-token"},
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


async def test_two_racing_first_requests_make_one_tenant_and_user(gateway: Client) -> None:
    headers = {"x-rh-identity": identity(account="777", username="racer")}
    responses = await asyncio.gather(
        *(gateway.get("/api/user/me/", headers=headers) for _ in range(5))
    )
    assert {response.status_code for response in responses} == {200}
    assert len({response.json()["pk"] for response in responses}) == 1


async def test_an_identity_user_who_deleted_themselves_is_made_again(gateway: Client) -> None:
    headers = {"x-rh-identity": identity(username="phoenix")}
    assert (await gateway.get("/api/user/me/", headers=headers)).status_code == 200
    assert (await gateway.delete("/api/user/me/", headers=headers)).status_code == 204
    again = await gateway.get("/api/user/me/", headers=headers)
    assert again.status_code == 200
    assert again.json()["username"] == "phoenix"


async def test_first_requests_of_many_new_tenants_at_once_all_succeed(gateway: Client) -> None:
    responses = await asyncio.gather(
        *(
            gateway.get("/api/user/me/", headers={"x-rh-identity": identity(account=f"9{n}")})
            for n in range(6)
        )
    )
    assert [response.status_code for response in responses] == [200] * 6


def encoded(document: object) -> str:
    return base64.b64encode(json.dumps(document).encode()).decode()


def user_header(**user: object) -> str:
    return encoded({"identity": {"account_number": "12345", "user": user}})


UNUSABLE_USERS = {
    "username over 150": (user_header(username="u" * 151), "username", "longer than 150"),
    "email over 254": (
        user_header(username="longmail", email="e" * 250 + "@x.io"),
        "email",
        "longer than 254",
    ),
    "username not text": (user_header(username=["a"]), "username", "not text"),
}


@pytest.mark.parametrize("case", list(UNUSABLE_USERS))
async def test_a_user_the_user_table_cannot_hold_is_401_with_a_clear_message(
    gateway: Client, case: str
) -> None:
    header, field, message = UNUSABLE_USERS[case]
    response = await gateway.get("/api/user/me/", headers={"x-rh-identity": header})
    assert response.status_code == 401
    assert response.json()["detail"].startswith(f"identity.user.{field} ")
    assert message in response.json()["detail"]


async def test_a_header_nested_deep_is_401_with_a_clear_message(gateway: Client) -> None:
    deep = "[" * 5000 + "]" * 5000
    document = '{"identity": {"account_number": "1", "user": {"username": "a"}, "x": ' + deep
    header = base64.b64encode((document + "}}").encode()).decode()
    response = await gateway.get("/api/user/me/", headers={"x-rh-identity": header})
    assert response.status_code == 401
    assert response.json() == {"detail": "The x-rh-identity header is nested too deeply."}


async def test_a_username_of_150_characters_is_accepted(gateway: Client) -> None:
    response = await gateway.get(
        "/api/user/me/", headers={"x-rh-identity": user_header(username="u" * 150)}
    )
    assert response.status_code == 200
    assert response.json()["username"] == "u" * 150
