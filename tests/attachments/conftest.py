"""Every attachment test runs on both storage backends: local disk, and S3 against moto's
standalone S3 server on a loopback port (a real S3 API over HTTP, not a mock object)."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from storeroom.settings import Settings

BACKENDS = ["local", "s3"]
S3_KEYS = {"s3_access_key": "testing", "s3_secret_key": "testing", "s3_region": "us-east-1"}


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def s3_client(endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def settings(
    make_settings: Callable[..., Settings], backend: str, request: pytest.FixtureRequest
) -> Settings:
    if backend == "local":
        return make_settings()
    endpoint = request.getfixturevalue("s3_endpoint")
    bucket = f"test-{uuid.uuid4().hex[:16]}"
    s3_client(endpoint).create_bucket(Bucket=bucket)
    return make_settings(
        attachment_storage="s3", s3_bucket=bucket, s3_endpoint_url=endpoint, **S3_KEYS
    )


def stored_keys(settings: Settings, account: str = "default") -> list[str]:
    """Every file the backend holds for a tenant, half-written ones included."""
    if settings.attachment_storage == "s3":
        listing = s3_client(settings.s3_endpoint_url).list_objects_v2(
            Bucket=settings.s3_bucket, Prefix=f"{settings.s3_prefix}{account}/"
        )
        uploads = s3_client(settings.s3_endpoint_url).list_multipart_uploads(
            Bucket=settings.s3_bucket
        )
        pending = [f"pending:{item['Key']}" for item in uploads.get("Uploads", [])]
        return sorted(item["Key"] for item in listing.get("Contents", [])) + pending
    root = settings.data_dir / "attachments" / account
    if not root.exists():
        return []
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def break_storage(app: Any, settings: Settings) -> None:
    """Make the storage fail as an outage would: a bucket that is gone, a disk that refuses."""
    store = app.state.attachment_store
    if settings.attachment_storage == "s3":
        store.bucket = f"gone-{uuid.uuid4().hex[:12]}"
        return
    broken = settings.data_dir / "broken-storage"
    broken.write_text("not a folder")
    store.root = Path(broken)
