"""The importer's upload route: every body is capped at the app's request body limit, with or
without a Content-Length (a chunked body announces none): 413 in the error shape, and neither a
session nor a spooled file is left behind."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from storeroom.settings import Settings
from tests.conftest import Client

BODY_LIMIT = 64 * 1024
URL = "/api/importer/session/"
BOUNDARY = "storeroom-test-boundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings(max_body_size=BODY_LIMIT)


async def chunked(body: bytes, size: int = 8192) -> AsyncIterator[bytes]:
    """The body in pieces: httpx sends it with Transfer-Encoding: chunked, no Content-Length."""
    for start in range(0, len(body), size):
        yield body[start : start + size]


def multipart(fields: dict[str, str], data_file: bytes) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="data_file"; '
        f'filename="parts.csv"\r\nContent-Type: text/csv\r\n\r\n'.encode()
        + data_file
        + b"\r\n"
    ]
    for name, value in fields.items():
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def csv_of(size: int) -> bytes:
    rows = b"".join(b"Part %d,A part\n" % n for n in range(size // 12))
    return b"Name,Description\n" + rows


def spooled(settings: Settings) -> list[Path]:
    incoming = settings.data_dir / "imports" / "incoming"
    return list(incoming.iterdir()) if incoming.exists() else []


async def assert_nothing_written(client: Client, settings: Settings) -> None:
    assert (await client.get(URL)).json() == []
    assert spooled(settings) == []


def assert_too_large(response: Any) -> None:
    assert response.status_code == 413, response.text
    assert set(response.json()) == {"detail"}
    # Litestar's own limit ("Request Entity Too Large") or ours ("... larger than N bytes").
    assert "large" in response.json()["detail"].lower()


async def test_chunked_json_body_over_the_limit_is_413(client: Client, settings: Settings) -> None:
    body = msgspec.json.encode({"model_type": "part", "field_defaults": {"x": "y" * BODY_LIMIT}})
    headers = {"Content-Type": "application/json"}
    response = await client.post(URL, content=chunked(body), headers=headers)
    assert_too_large(response)
    await assert_nothing_written(client, settings)


async def test_chunked_urlencoded_body_over_the_limit_is_413(
    client: Client, settings: Settings
) -> None:
    body = b"model_type=part&field_defaults=" + b"y" * BODY_LIMIT
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    response = await client.post(URL, content=chunked(body), headers=headers)
    assert_too_large(response)
    await assert_nothing_written(client, settings)


async def test_chunked_data_file_over_the_limit_is_413_and_leaves_nothing(
    client: Client, settings: Settings
) -> None:
    body = multipart({"model_type": "part"}, csv_of(BODY_LIMIT + 1000))
    response = await client.post(URL, content=chunked(body), headers={"Content-Type": MULTIPART})
    assert_too_large(response)
    await assert_nothing_written(client, settings)


async def test_chunked_multipart_fields_over_the_limit_are_413_and_leave_nothing(
    client: Client, settings: Settings
) -> None:
    fields = {"model_type": "part"} | {f"extra{n}": "y" * 20_000 for n in range(4)}
    body = multipart(fields, csv_of(2000))
    response = await client.post(URL, content=chunked(body), headers={"Content-Type": MULTIPART})
    assert_too_large(response)
    await assert_nothing_written(client, settings)


async def test_chunked_upload_under_the_limit_is_201(client: Client) -> None:
    body = multipart({"model_type": "part"}, csv_of(2000))
    response = await client.post(URL, content=chunked(body), headers={"Content-Type": MULTIPART})
    assert response.status_code == 201, response.text
    assert response.json()["model_type"] == "part"
