"""GET the `attachment` URL: the file, with its type and name, whole or by byte range."""

from __future__ import annotations

from typing import Any

from tests.attachments.factories import URL, linked, make_target, uploaded
from tests.conftest import Client

CONTENT = bytes(range(256)) * 40


async def test_download_is_intact_with_type_and_name(client: Client) -> None:
    created = await uploaded(
        client, await make_target(client), content=CONTENT, filename="Datenblatt ü.pdf"
    )
    response = await client.get(created["attachment"])
    assert response.status_code == 200
    assert response.content == CONTENT
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-length"] == str(len(CONTENT))
    assert response.headers["accept-ranges"] == "bytes"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''Datenblatt%20%C3%BC.pdf" in disposition


async def test_range_is_206(client: Client) -> None:
    created = await uploaded(client, await make_target(client), content=CONTENT)
    response = await client.get(created["attachment"], headers={"Range": "bytes=100-199"})
    assert response.status_code == 206
    assert response.content == CONTENT[100:200]
    assert response.headers["content-range"] == f"bytes 100-199/{len(CONTENT)}"
    suffix = await client.get(created["attachment"], headers={"Range": "bytes=-10"})
    assert (suffix.status_code, suffix.content) == (206, CONTENT[-10:])
    open_ended = await client.get(created["attachment"], headers={"Range": "bytes=10000-"})
    assert open_ended.content == CONTENT[10000:]


async def test_range_past_the_end_is_416(client: Client) -> None:
    created = await uploaded(client, await make_target(client), content=CONTENT)
    response = await client.get(created["attachment"], headers={"Range": "bytes=99999-"})
    assert response.status_code == 416
    assert response.json()["detail"]


async def test_user_without_view_right_is_403(client: Client, login_as: Any) -> None:
    created = await uploaded(client, await make_target(client))
    builder = await login_as("builder", rules={"build": ("view",)})
    response = await builder.get(created["attachment"])
    assert response.status_code == 403
    assert response.json()["detail"]


async def test_anonymous_is_401(client: Client, anonymous: Client) -> None:
    created = await uploaded(client, await make_target(client))
    response = await anonymous.get(created["attachment"])
    assert response.status_code == 401


async def test_a_link_has_nothing_to_download(client: Client) -> None:
    created = await linked(client, await make_target(client))
    response = await client.get(f"{URL}{created['pk']}/download/file")
    assert response.status_code == 404
