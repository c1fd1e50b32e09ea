"""Every client mistake answers 4xx in DRF's shapes; a server fault answers 500 and is recorded."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from litestar import get

from storeroom.app import create_app
from tests.conftest import Client, started, token_for


async def test_unknown_path_is_404_in_drf_shape(client: Client) -> None:
    response = await client.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


async def test_wrong_method_is_405_with_allow(client: Client) -> None:
    response = await client.post("/api/error-report/1/", json={})
    assert response.status_code == 405
    assert response.json() == {"detail": "Method not allowed."}
    assert "GET" in response.headers["allow"]


async def test_malformed_json_is_400_with_parse_error(client: Client) -> None:
    response = await client.patch(
        "/api/user/me/", content=b'{"first_name": ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


async def test_wrong_content_type_is_415(client: Client) -> None:
    response = await client.patch(
        "/api/user/me/", content=b"first_name=x", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 415
    assert "text/plain" in response.json()["detail"]


async def test_wrong_types_list_every_field(client: Client) -> None:
    response = await client.patch("/api/user/me/", json={"first_name": 3, "email": ["x"]})
    assert response.status_code == 400
    assert response.json() == {
        "first_name": ["Not a valid string."],
        "email": ["Not a valid string."],
    }


async def test_unknown_ordering_field_is_400(client: Client) -> None:
    response = await client.get("/api/error-report/?ordering=password")
    assert response.status_code == 400
    assert "ordering" in response.json()


async def test_bad_paging_value_is_400(client: Client) -> None:
    response = await client.get("/api/error-report/?limit=ten")
    assert response.status_code == 400
    assert response.json() == {"limit": ["A valid integer is required."]}


async def test_oversize_body_is_413(make_settings, anonymous_factory) -> None:
    client = await anonymous_factory(make_settings(max_body_size=1000))
    response = await client.post(
        "/api/auth/login/", content=b"x" * 5000, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["detail"]


@get("/api/test-explode/", include_in_schema=False)
async def explode() -> None:
    raise RuntimeError("kaboom in a handler")


@pytest.fixture
async def exploding(settings) -> AsyncIterator[Client]:
    async with started(create_app(settings, extra_routes=[explode])) as client:
        yield client


async def test_server_fault_is_500_without_leaking_and_recorded(exploding: Client) -> None:
    exploding.headers["Authorization"] = f"Token {await token_for(exploding, 'admin')}"
    response = await exploding.get("/api/test-explode/")
    assert response.status_code == 500
    assert "kaboom" not in response.text
    assert response.json()["detail"].startswith("A server error occurred")
    for _ in range(50):
        reports = (await exploding.get("/api/error-report/")).json()
        if reports:
            break
        await asyncio.sleep(0.02)
    assert len(reports) == 1
    assert reports[0]["info"] == "RuntimeError: kaboom in a handler"
    assert "Traceback" in reports[0]["data"]
    assert reports[0]["path"] == "http://testserver.local/api/test-explode/"


async def test_integers_beyond_64_bits_are_client_errors(client: Client) -> None:
    """No database stores them: a path id that large names nothing, a field or page refuses it."""
    huge = 2**70
    assert (await client.get(f"/api/part/category/{huge}/")).status_code == 404
    response = await client.post("/api/part/category/", json={"name": "a", "parent": huge})
    assert response.status_code == 400
    assert response.json() == {"parent": ["Ensure this value is less than or equal to 2147483647."]}
    response = await client.get("/api/part/category/", params={"limit": 1, "offset": huge})
    assert response.status_code == 400
    assert list(response.json()) == ["offset"]
