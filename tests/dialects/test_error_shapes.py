"""Every error kind, rendered from one internal error in each dialect
(docs/api-behaviour.md, "Errors")."""

from collections.abc import AsyncIterator

import pytest
from litestar import Request, Router, get

from storeroom import errors
from storeroom.app import create_app
from tests.conftest import Client, started, token_for

RAISED = {
    "forbidden": errors.Forbidden(),
    "not_found": errors.NotFound(),
    "invalid": errors.Invalid({"name": ["Too short.", "Not unique."]}, ["Bad pair."]),
    "malformed": errors.MalformedBody("JSON parse error - line 1"),
    "conflict": errors.Conflict("Already done."),
    "too_large": errors.TooLarge(),
    "unsupported": errors.UnsupportedMediaType(),
    "rate_limited": errors.RateLimited(retry_after=7),
    "unavailable": errors.Unavailable("Database down."),
    "server_fault": RuntimeError("secret internals"),
}


@get("/test-error/{kind:str}/", include_in_schema=False)
async def raise_error(request: Request) -> None:
    raise RAISED[request.path_params["kind"]]


@pytest.fixture
async def errors_client(settings) -> AsyncIterator[Client]:
    mounts = [
        Router(prefix, route_handlers=[raise_error], include_in_schema=False)
        for prefix in ("/api", "/api/v1", "/api/rbac/v1")
    ]
    async with started(create_app(settings, extra_routes=mounts)) as client:
        client.headers["Authorization"] = f"Token {await token_for(client, 'admin')}"
        yield client


PREFIX = {"drf": "/api", "deep": "/api/v1", "rbac": "/api/rbac/v1", "djblets": "/api"}
STATUS = {
    "forbidden": 403,
    "not_found": 404,
    "invalid": 400,
    "malformed": 400,
    "conflict": 409,
    "too_large": 413,
    "unsupported": 415,
    "rate_limited": 429,
    "unavailable": 503,
    "server_fault": 500,
}
DJBLETS_CODES = {
    "forbidden": 101,
    "not_found": 100,
    "invalid": 105,
    "malformed": 102,
    "conflict": 111,
    "too_large": 105,
    "unsupported": 105,
    "rate_limited": 114,
    "unavailable": 1,
    "server_fault": 900,
}


async def fetch(client: Client, dialect: str, kind: str):
    query = "?api_format=json" if dialect == "djblets" else ""
    return await client.get(f"{PREFIX[dialect]}/test-error/{kind}/{query}")


@pytest.mark.parametrize("kind", list(RAISED))
async def test_drf_shape(errors_client: Client, kind: str) -> None:
    response = await fetch(errors_client, "drf", kind)
    assert response.status_code == STATUS[kind]
    if kind == "invalid":
        assert response.json() == {
            "name": ["Too short.", "Not unique."],
            "non_field_errors": ["Bad pair."],
        }
    else:
        assert set(response.json()) == {"detail"}
    assert "secret internals" not in response.text


@pytest.mark.parametrize("kind", list(RAISED))
async def test_deep_shape(errors_client: Client, kind: str) -> None:
    response = await fetch(errors_client, "deep", kind)
    body = response.json()
    assert response.status_code == STATUS[kind]
    assert body["errorCode"] == STATUS[kind]
    assert body["timestamp"].endswith("Z")
    if kind == "invalid":
        assert body["errors"] == {"name": "Too short. Not unique.", "nonFieldErrors": ["Bad pair."]}
    assert "secret internals" not in response.text


@pytest.mark.parametrize("kind", [kind for kind in RAISED if kind != "invalid"])
async def test_deep_puts_a_message_about_no_field_in_non_field_errors(
    errors_client: Client, kind: str
) -> None:
    errors = (await fetch(errors_client, "deep", kind)).json()["errors"]
    assert list(errors) == ["nonFieldErrors"]
    assert [type(message) for message in errors["nonFieldErrors"]] == [str]


async def test_deep_not_authenticated_is_a_non_field_error(anonymous: Client) -> None:
    response = await anonymous.get("/api/v1/user/me/")
    assert response.json()["errors"] == {
        "nonFieldErrors": ["Authentication credentials were not provided."]
    }


async def test_deep_method_not_allowed_is_a_non_field_error(errors_client: Client) -> None:
    response = await errors_client.post("/api/v1/test-error/forbidden/")
    assert response.json()["errors"] == {"nonFieldErrors": ["Method not allowed."]}


@pytest.mark.parametrize("kind", list(RAISED))
async def test_djblets_shape(errors_client: Client, kind: str) -> None:
    response = await fetch(errors_client, "djblets", kind)
    body = response.json()
    assert response.status_code == STATUS[kind]
    assert body["stat"] == "fail"
    assert body["err"]["code"] == DJBLETS_CODES[kind]
    if kind == "invalid":
        assert body["fields"] == {"name": ["Too short.", "Not unique."], "__all__": ["Bad pair."]}
    if kind == "malformed":
        assert body["reason"] == "JSON parse error - line 1"


@pytest.mark.parametrize("kind", list(RAISED))
async def test_rbac_shape(errors_client: Client, kind: str) -> None:
    response = await fetch(errors_client, "rbac", kind)
    items = response.json()["errors"]
    assert response.status_code == STATUS[kind]
    assert all(item["status"] == STATUS[kind] for item in items)
    if kind == "invalid":
        assert [(item["source"], item["detail"]) for item in items] == [
            ("name", "Too short."),
            ("name", "Not unique."),
            ("non_field_errors", "Bad pair."),
        ]
    else:
        assert [item["source"] for item in items] == ["detail"]


@pytest.mark.parametrize("dialect", list(PREFIX))
async def test_rate_limited_carries_retry_after(errors_client: Client, dialect: str) -> None:
    response = await fetch(errors_client, dialect, "rate_limited")
    assert response.headers["retry-after"] == "7"


@pytest.mark.parametrize("dialect", list(PREFIX))
async def test_not_authenticated_carries_www_authenticate(anonymous: Client, dialect: str) -> None:
    query = "?api_format=json" if dialect == "djblets" else ""
    response = await anonymous.get(f"{PREFIX[dialect]}/user/me/{query}")
    assert response.status_code == 401
    assert response.headers["www-authenticate"]
    body = response.json()
    expected = {
        "drf": lambda: body == {"detail": "Authentication credentials were not provided."},
        "deep": lambda: body["errorCode"] == 401,
        "djblets": lambda: body["err"]["code"] == 103,
        "rbac": lambda: body["errors"][0]["status"] == 401,
    }
    assert expected[dialect]()


@pytest.mark.parametrize("dialect", list(PREFIX))
async def test_login_failure_in_each_dialect(anonymous: Client, dialect: str) -> None:
    query = "?api_format=json" if dialect == "djblets" else ""
    response = await anonymous.post(
        f"{PREFIX[dialect]}/auth/login/{query}", json={"username": "admin", "password": "no"}
    )
    assert response.status_code == 401
    if dialect == "djblets":
        assert response.json()["err"]["code"] == 104


@pytest.mark.parametrize("dialect", list(PREFIX))
async def test_method_not_allowed_in_each_dialect(errors_client: Client, dialect: str) -> None:
    query = "?api_format=json" if dialect == "djblets" else ""
    response = await errors_client.post(f"{PREFIX[dialect]}/test-error/forbidden/{query}")
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]
    if dialect == "djblets":
        assert response.content == b""
    elif dialect == "deep":
        assert response.json()["errorCode"] == 405


async def test_djblets_errors_in_xml(errors_client: Client) -> None:
    response = await errors_client.get("/api/test-error/not_found/?api_format=xml")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/xml")
    assert b"<code>100</code>" in response.content
