"""storeroom/api/uploads.py: the streaming multipart reader, through a test route of its own (the
attachment endpoint's tests cover it again through the API)."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Request, post

from storeroom.api.uploads import FileSink, TempFileSink, receive_form
from storeroom.app import create_app
from storeroom.settings import Settings
from tests.conftest import PASSWORD, Client, basic, started

LIMIT = 200_000


def echo_route(spool: Path) -> Any:
    async def sink_for(field_name: str, filename: str, content_type: str) -> FileSink:
        return await TempFileSink.create(spool)

    @post("/test-upload/", request_max_body_size=None, status_code=200)
    async def echo(request: Request[Any, Any, Any]) -> dict[str, Any]:
        form = await receive_form(request, sink_for, max_file_size=LIMIT)
        files = {}
        for name, received in form.files.items():
            assert isinstance(received.sink, TempFileSink)
            content = received.sink.path.read_bytes()
            files[name] = {
                "filename": received.filename,
                "content_type": received.content_type,
                "size": received.size,
                "sha256": hashlib.sha256(content).hexdigest(),
            }
        await form.abort()
        return {"fields": form.fields, "files": files}

    return echo


def leftovers(directory: Path) -> list[Path]:
    return list(directory.iterdir())


@pytest.fixture
def spool(tmp_path: Path) -> Path:
    directory = tmp_path / "spool"
    directory.mkdir()
    return directory


@pytest.fixture
async def uploader(settings: Settings, spool: Path) -> AsyncIterator[Client]:
    async with started(create_app(settings, extra_routes=[echo_route(spool)])) as client:
        # A token of its own: asking for another "tests" token would end the module's.
        answer = await client.get(
            "/api/user/token/?name=second-app", headers=basic("admin", PASSWORD)
        )
        client.headers["Authorization"] = f"Token {answer.json()['token']}"
        yield client


async def test_fields_and_file_arrive_intact(uploader: Client, spool: Path) -> None:
    content = bytes(range(256)) * 700  # 179,200 bytes: many stream chunks
    response = await uploader.post(
        "/test-upload/",
        data={"comment": "hello", "tags": ["a", "b"]},
        files={"attachment": ("data.bin", content, "application/x-thing")},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["fields"] == {"comment": ["hello"], "tags": ["a", "b"]}
    assert body["files"]["attachment"] == {
        "filename": "data.bin",
        "content_type": "application/x-thing",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    assert leftovers(spool) == []


async def test_file_over_the_limit_is_413_and_leaves_nothing(uploader: Client, spool: Path) -> None:
    response = await uploader.post(
        "/test-upload/", files={"attachment": ("big.bin", b"x" * (LIMIT + 1))}
    )
    assert response.status_code == 413
    assert "larger" in response.json()["detail"]
    assert leftovers(spool) == []


async def test_json_body_is_415(uploader: Client) -> None:
    response = await uploader.post("/test-upload/", json={"link": "https://example.com"})
    assert response.status_code == 415
    assert "application/json" in response.json()["detail"]


async def test_missing_boundary_is_400(uploader: Client) -> None:
    response = await uploader.post(
        "/test-upload/", content=b"abc", headers={"Content-Type": "multipart/form-data"}
    )
    assert response.status_code == 400
    assert "boundary" in response.json()["detail"]


async def test_truncated_body_is_400_and_leaves_nothing(uploader: Client, spool: Path) -> None:
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="attachment"; filename="a.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\nsome content that never ends"
    )
    response = await uploader.post(
        "/test-upload/",
        content=body,
        headers={"Content-Type": "multipart/form-data; boundary=XyZ"},
    )
    assert response.status_code == 400
    assert "parse error" in response.json()["detail"]
    assert leftovers(spool) == []
