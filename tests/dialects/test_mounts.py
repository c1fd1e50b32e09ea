"""The API is registered once, under /api/; /api/v1/ and /api/rbac/v1/ serve the same routes."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Litestar

from storeroom.api.openapi_deep import deep_document
from tests.conftest import Client, token_for
from tests.error_reports.factories import make_reports


def routes_under(app: Litestar, prefix: str) -> set[str]:
    return {route.path for route in app.routes if route.path.startswith(prefix)}


async def test_the_dialect_mounts_register_no_routes_of_their_own(app: Litestar) -> None:
    assert routes_under(app, "/api/rbac/v1") == set()
    # Only the DEEP OpenAPI document and its page, which differ from /api/'s.
    assert routes_under(app, "/api/v1") == {"/api/v1/schema", "/api/v1/docs"}


async def test_a_deep_mount_path_is_served_by_the_api_route(client: Client) -> None:
    response = await client.get("/api/v1/user/me/")
    assert response.status_code == 200
    assert response.headers["x-api-dialect"] == "deep"
    assert response.json()["username"] == "admin"


async def test_the_deep_schema_keeps_its_own_route(anonymous: Client) -> None:
    deep = (await anonymous.get("/api/v1/schema/")).json()
    drf = (await anonymous.get("/api/schema/")).json()
    assert deep == msgspec.json.decode(msgspec.json.encode(deep_document(drf)))
    assert deep != drf


async def test_a_route_outside_the_api_is_not_served_under_a_dialect_mount(
    client: Client,
) -> None:
    response = await client.get("/api/rbac/v1/schema/")
    assert response.status_code == 404
    assert response.json() == {
        "errors": [{"detail": "Not found.", "source": "detail", "status": 404}]
    }


async def test_a_mount_without_a_trailing_slash_is_the_api_root(client: Client) -> None:
    response = await client.get("/api/v1")
    assert (response.status_code, response.headers["x-api-dialect"]) == (200, "deep")
    assert response.json()["workerRunning"] is True


async def asgi_get(app: Litestar, path: str, query: bytes, token: str) -> dict[str, Any]:
    """One request straight through ASGI, with a scope that has no `raw_path` (it is optional)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "query_string": query,
        "root_path": "",
        "headers": [(b"host", b"testserver.local"), (b"authorization", f"Token {token}".encode())],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver.local", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)  # type: ignore[arg-type]
    body = b"".join(message.get("body", b"") for message in sent)
    return dict(msgspec.json.decode(body))


async def test_deep_page_links_keep_the_mount_when_the_server_sends_no_raw_path(
    app: Litestar, anonymous: Client
) -> None:
    await make_reports(app, 3)
    token = await token_for(anonymous, "admin")
    body = await asgi_get(app, "/api/v1/error-report/", b"limit=1&offset=1", token)
    assert body["next"] == "http://testserver.local/api/v1/error-report/?limit=1&offset=2"
