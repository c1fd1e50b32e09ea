"""S3 storage that goes away in the middle of a transfer: an upload answers 503 in the error shape
and leaves neither a row nor, once S3 is back, an object or a pending multipart upload; a
download is broken off without harming the server; the next transfer after S3 is back succeeds.

The app reaches a moto server of this module's own through a proxy that the test cuts (every
connection reset, new ones refused) and restores, so the suite's shared S3 server is untouched.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from moto.server import ThreadedMotoServer

from storeroom.settings import Settings
from tests.attachments.conftest import Platform, open_platform, stored_keys
from tests.attachments.cuttable_proxy import CuttableProxy, free_port
from tests.attachments.factories import URL, make_target, upload, uploaded
from tests.conftest import DATABASES, PASSWORD, Client, basic

MB = 1024 * 1024
# Five multipart parts of 8 MiB: the cut comes in the middle of the second.
LARGE = b"".join(index.to_bytes(4, "big") * (MB // 4) for index in range(40))


@pytest.fixture(scope="module")
def proxy() -> Iterator[CuttableProxy]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    proxy = CuttableProxy(server.get_host_and_port()[1])
    proxy.start()
    yield proxy
    proxy.stop()
    server.stop()


@pytest.fixture(scope="module")
def s3_endpoint(proxy: CuttableProxy) -> str:
    """The app, and the test's own look into the bucket, go through the proxy."""
    return proxy.url


@pytest.fixture(scope="module", params=DATABASES)
async def platform(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    postgres_template: str,
) -> AsyncIterator[Platform]:
    async with open_platform(
        request, tmp_path_factory, sqlite_template, postgres_template, request.param, "s3"
    ) as platform:
        yield platform


@pytest.fixture(autouse=True)
def storage_back(proxy: CuttableProxy) -> Iterator[None]:
    """S3 is back after each test (before the shared clean-up empties the bucket)."""
    yield
    proxy.restore()


async def test_s3_gone_mid_upload_is_503_and_leaves_no_row_nor_object(
    client: Client, settings: Settings, proxy: CuttableProxy
) -> None:
    part = await make_target(client)
    proxy.cut_after(12 * MB)
    response = await upload(client, part, content=LARGE, filename="large.bin")
    assert not proxy.is_up
    assert response.status_code == 503, response.text
    assert set(response.json()) == {"detail"}
    assert "storage is unavailable" in response.json()["detail"]
    assert (await client.get(URL)).json() == []
    proxy.restore()
    after = await uploaded(client, part, content=b"after the outage", filename="after.txt")
    # The multipart upload the outage interrupted was aborted once S3 answered again.
    [key] = stored_keys(settings)
    assert key.startswith(settings.s3_prefix)
    assert key.endswith("/after.txt")
    downloaded = await client.get(after["attachment"])
    assert downloaded.content == b"after the outage"


async def test_s3_gone_mid_download_breaks_that_download_only(
    live_server: str, proxy: CuttableProxy
) -> None:
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as client:
        token = await client.get("/api/user/token/?name=outage", headers=basic("admin", PASSWORD))
        client.headers["Authorization"] = f"Token {token.json()['token']}"
        created = await uploaded(client, await make_target(client), content=LARGE)
        # More broken downloads than the S3 client has pooled connections (10): none may leak.
        for _ in range(12):
            assert 0 < await broken_download(client, created["attachment"], proxy) < len(LARGE)
            proxy.restore()
        again = await client.get(created["attachment"])
        assert again.status_code == 200
        assert hashlib.sha256(again.content).digest() == hashlib.sha256(LARGE).digest()
        assert [found["pk"] for found in (await client.get(URL)).json()] == [created["pk"]]
        assert (await client.get("/api/error-report/")).json() == []


async def broken_download(client: httpx.AsyncClient, url: str, proxy: CuttableProxy) -> int:
    """Bytes received of a download during which S3 went away (the client sees a cut)."""
    received = bytearray()
    proxy.cut_after(10 * MB)
    async with client.stream("GET", url) as response:
        assert response.status_code == 200
        with pytest.raises(httpx.TransportError):
            await read_into(response, received)
    return len(received)


async def read_into(response: httpx.Response, received: bytearray) -> None:
    async for chunk in response.aiter_bytes():
        received += chunk
