"""Every body sent to the upload routes is bounded although they lift Litestar's own limit: a
file streams to storage up to the attachment size limit, while a JSON, urlencoded or multipart
field body is capped at the app's request body limit, with or without a Content-Length (a
chunked body announces no length). Over a limit: 413 in the request's error shape, nothing
written."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from typing import Any

import msgspec
import pytest

from storeroom.settings import Settings
from tests.attachments.conftest import stored_keys
from tests.attachments.factories import URL, linked, make_target
from tests.conftest import Client

BODY_LIMIT = 64 * 1024
FILE_LIMIT = 1024 * 1024
PLATFORM_SETTINGS = {"max_body_size": BODY_LIMIT, "attachment_max_size": FILE_LIMIT}
BOUNDARY = "storeroom-test-boundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


async def chunked(body: bytes, size: int = 8192) -> AsyncIterator[bytes]:
    """The body in pieces: httpx sends it with Transfer-Encoding: chunked, no Content-Length."""
    for start in range(0, len(body), size):
        yield body[start : start + size]


def multipart(fields: dict[str, str], file: tuple[str, bytes] | None = None) -> bytes:
    parts = []
    if file is not None:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="attachment"; '
            f'filename="{file[0]}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + file[1]
            + b"\r\n"
        )
    for name, value in fields.items():
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


async def assert_nothing_written(client: Client, settings: Settings, count: int = 0) -> None:
    assert len((await client.get(URL)).json()) == count
    assert stored_keys(settings) == []


def assert_too_large(response: Any) -> None:
    assert response.status_code == 413, response.text
    assert set(response.json()) == {"detail"}
    assert "larger than" in response.json()["detail"]


def link_body(model_id: int) -> dict[str, Any]:
    return {
        "model_type": "part",
        "model_id": model_id,
        "link": "https://example.com/a.pdf",
        "comment": "x" * (BODY_LIMIT + 1),
    }


@pytest.mark.parametrize("is_chunked", [True, False], ids=["chunked", "with-length"])
async def test_json_body_over_the_body_limit_is_413(
    client: Client, settings: Settings, is_chunked: bool
) -> None:
    body = msgspec.json.encode(link_body(await make_target(client)))
    content = chunked(body) if is_chunked else body
    headers = {"Content-Type": "application/json"}
    response = await client.post(URL, content=content, headers=headers)
    assert_too_large(response)
    await assert_nothing_written(client, settings)


async def test_chunked_urlencoded_body_over_the_body_limit_is_413(
    client: Client, settings: Settings
) -> None:
    values = {k: str(v) for k, v in link_body(await make_target(client)).items()}
    body = "&".join(f"{name}={value}" for name, value in values.items()).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    response = await client.post(URL, content=chunked(body), headers=headers)
    assert_too_large(response)
    await assert_nothing_written(client, settings)


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
async def test_chunked_json_update_over_the_body_limit_is_413_and_changes_nothing(
    client: Client, method: str
) -> None:
    part = await make_target(client)
    created = await linked(client, part, comment="before")
    body = msgspec.json.encode(link_body(part))
    response = await client.request(
        method,
        f"{URL}{created['pk']}/",
        content=chunked(body),
        headers={"Content-Type": "application/json"},
    )
    assert_too_large(response)
    assert (await client.get(f"{URL}{created['pk']}/")).json()["comment"] == "before"


async def test_chunked_multipart_fields_over_the_body_limit_are_413_and_leave_nothing(
    client: Client, settings: Settings
) -> None:
    part = await make_target(client)
    # The file comes first, so its upload to storage has begun when the fields overflow.
    fields = {"model_type": "part", "model_id": str(part)}
    fields |= {f"extra{n}": "y" * 20_000 for n in range(4)}
    body = multipart(fields, ("notes.txt", b"z" * 20_000))
    response = await client.post(URL, content=chunked(body), headers={"Content-Type": MULTIPART})
    assert_too_large(response)
    await assert_nothing_written(client, settings)


async def test_chunked_file_larger_than_the_body_limit_streams_to_storage(
    client: Client, settings: Settings
) -> None:
    content = bytes(range(256)) * (3 * BODY_LIMIT // 256)
    fields = {"model_type": "part", "model_id": str(await make_target(client))}
    body = multipart(fields, ("big.bin", content))
    response = await client.post(URL, content=chunked(body), headers={"Content-Type": MULTIPART})
    assert response.status_code == 201, response.text
    assert response.json()["file_size"] == len(content)
    downloaded = await client.get(response.json()["attachment"])
    assert hashlib.sha256(downloaded.content).digest() == hashlib.sha256(content).digest()


async def test_chunked_file_over_the_attachment_limit_is_413_and_leaves_nothing(
    client: Client, settings: Settings
) -> None:
    fields = {"model_type": "part", "model_id": str(await make_target(client))}
    body = multipart(fields, ("big.bin", b"w" * (FILE_LIMIT + 1)))
    response = await client.post(URL, content=chunked(body), headers={"Content-Type": MULTIPART})
    assert_too_large(response)
    await assert_nothing_written(client, settings)
