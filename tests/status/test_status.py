import sys

import pytest

from tests.conftest import Client


@pytest.mark.parametrize("path", ["/api/v1/status/", "/api/rbac/v1/status/", "/api/status/"])
async def test_status_has_the_conventions_shape(anonymous: Client, path: str) -> None:
    body = (await anonymous.get(path)).json()
    assert body["api_version"] == 1
    assert body["server_address"] == "testserver.local"
    assert body["python_version"] == sys.version
    assert set(body["platform_info"]) == {
        "system",
        "node",
        "release",
        "version",
        "machine",
        "processor",
    }
    assert list(body["modules"]) == sorted(body["modules"])
    assert body["modules"]["litestar"]
    assert "commit" in body


async def test_status_hides_platform_details_when_told(make_settings, anonymous_factory) -> None:
    client = await anonymous_factory(make_settings(show_platform_details=False))
    body = (await client.get("/api/v1/status/")).json()
    assert "modules" not in body
    assert "platform_info" not in body
    assert body["api_version"] == 1


async def test_status_commit_comes_from_the_setting(make_settings, anonymous_factory) -> None:
    client = await anonymous_factory(make_settings(commit="abc123"))
    assert (await client.get("/api/v1/status/")).json()["commit"] == "abc123"
