"""Every attachment test runs on both storage backends: local disk, and S3 against moto's
standalone S3 server on a loopback port (a real S3 API over HTTP, not a mock object)."""

from __future__ import annotations

import shutil
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
import sqlalchemy as sa
from litestar import Litestar
from moto.server import ThreadedMotoServer

from storeroom.app import create_app
from storeroom.attachments.storage.store import FileStore
from storeroom.attachments.tables import attachment_table
from storeroom.auth.accounts import create_user
from storeroom.auth.tables import group_table, rule_table, user_group_table
from storeroom.settings import Settings, load_settings
from tests.conftest import (
    DATABASES,
    PASSWORD,
    POSTGRES_URL,
    TEMPLATE_SETTINGS,
    Client,
    _admin_engine,
    started,
    token_for,
)


def store_of(app: Any) -> FileStore:
    """The started app's attachment store (api/context.py, `Started`)."""
    store: FileStore = app.started.service(FileStore)
    return store


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


@dataclass
class Platform:
    """One started app per test module, database and backend (a new app per test costs seconds);
    `clean_slate` empties it between tests."""

    app: Litestar
    settings: Settings
    admin: Client
    usernames: set[str] = field(default_factory=set)


@pytest.fixture(scope="module", params=[(d, b) for d in DATABASES for b in BACKENDS], ids="-".join)
async def platform(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    postgres_template: str,
) -> AsyncIterator[Platform]:
    database, backend = request.param
    async with open_platform(
        request, tmp_path_factory, sqlite_template, postgres_template, database, backend
    ) as platform:
        yield platform


@asynccontextmanager
async def open_platform(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    postgres_template: str,
    database: str,
    backend: str,
) -> AsyncIterator[Platform]:
    """A started app on a database cloned from the template; on S3, a new bucket at the
    `s3_endpoint` fixture's server (a module may give its own)."""
    data_dir = tmp_path_factory.mktemp("attachments") / "data"
    url, name = "", ""
    if database == "sqlite":
        shutil.copytree(sqlite_template, data_dir)
    else:
        name = f"storeroom_attach_{uuid.uuid4().hex[:10]}"
        with _admin_engine().connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"'))
        url = str(sa.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(False))
    values: dict[str, Any] = {
        **TEMPLATE_SETTINGS,
        "data_dir": data_dir,
        "database_url": url,
        "count_cache_seconds": 0.0,
        "currency_refresh_hours": 0.0,
    }
    if backend == "s3":
        endpoint = request.getfixturevalue("s3_endpoint")
        bucket = f"test-{uuid.uuid4().hex[:16]}"
        s3_client(endpoint).create_bucket(Bucket=bucket)
        values |= {"attachment_storage": "s3", "s3_bucket": bucket, "s3_endpoint_url": endpoint}
        values |= S3_KEYS
    # A module may start its apps with settings of its own (test_body_limits.py: small limits).
    values |= getattr(request.module, "PLATFORM_SETTINGS", {})
    settings = load_settings(environ={}, **values)
    app = create_app(settings)
    async with started(app) as admin:
        admin.headers["Authorization"] = f"Token {await token_for(admin, 'admin')}"
        yield Platform(app, settings, admin)
    if name:
        with _admin_engine().connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(autouse=True)
async def clean_slate(platform: Platform) -> AsyncIterator[None]:
    """Each test starts with no attachments and a working storage."""
    store: Any = store_of(platform.app)
    location = (getattr(store, "bucket", None), getattr(store, "root", None))
    yield
    if location[0] is not None:
        store.bucket = location[0]
    if location[1] is not None:
        store.root = location[1]
    context = platform.app.state.api
    for account in ("default", "other"):
        if account == "other" and "outsider" not in platform.usernames:
            continue
        async with context.databases.tenant_transaction(account) as connection:
            await connection.execute(sa.delete(attachment_table))
        context.counts.invalidate(account, attachment_table.name)
        empty_storage(platform.settings, account)


@pytest.fixture
def backend(platform: Platform) -> str:
    return platform.settings.attachment_storage


@pytest.fixture
def settings(platform: Platform) -> Settings:
    return platform.settings


@pytest.fixture
def app(platform: Platform) -> Litestar:
    return platform.app


@pytest.fixture
def client(platform: Platform) -> Client:
    return platform.admin


@pytest.fixture
async def anonymous(platform: Platform) -> AsyncIterator[Client]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=platform.app), base_url="http://testserver.local"
    ) as plain:
        yield plain


@pytest.fixture
async def login_as(platform: Platform) -> AsyncIterator[Callable[..., Awaitable[Client]]]:
    """A client for a new user of the shared app (a name already used in this module gets a
    number, since users outlive the test that made them)."""
    made: list[Client] = []

    async def login(username: str, account: str = "default", **attributes: Any) -> Client:
        if username in platform.usernames:
            username = f"{username}{len(platform.usernames)}"
        platform.usernames.add(username)
        await make_user(platform.app, username, account, **attributes)
        user = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=platform.app), base_url="http://testserver.local"
        )
        user.headers["Authorization"] = f"Token {await token_for(user, username)}"
        made.append(user)
        return user

    yield login
    for user in made:
        await user.aclose()


async def make_user(
    app: Litestar,
    username: str,
    account: str,
    rules: dict[str, tuple[str, ...]] | None = None,
    **attributes: Any,
) -> None:
    context = app.state.api
    account = await context.tenants.ensure(account)
    async with context.databases.platform.begin() as connection:
        user_id = await create_user(connection, account, username, PASSWORD, **attributes)
        if not rules:
            return
        group = await connection.execute(
            sa.insert(group_table).values(account=account, name=f"{username}-group")
        )
        group_id = group.inserted_primary_key[0]  # type: ignore[index]
        await connection.execute(
            sa.insert(user_group_table).values(user_id=user_id, group_id=group_id)
        )
        for ruleset, actions in rules.items():
            await connection.execute(
                sa.insert(rule_table).values(
                    group_id=group_id, ruleset=ruleset, **{f"can_{a}": True for a in actions}
                )
            )


def empty_storage(settings: Settings, account: str) -> None:
    if settings.attachment_storage == "s3":
        s3 = s3_client(settings.s3_endpoint_url)
        for key in stored_keys(settings, account):
            if key.startswith("pending:"):
                continue
            s3.delete_object(Bucket=settings.s3_bucket, Key=key)
        return
    shutil.rmtree(settings.data_dir / "attachments" / account, ignore_errors=True)


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
    store: Any = store_of(app)
    if settings.attachment_storage == "s3":
        store.bucket = f"gone-{uuid.uuid4().hex[:12]}"
        return
    broken = settings.data_dir / "broken-storage"
    broken.write_text("not a folder")
    store.root = Path(broken)
