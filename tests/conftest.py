"""Fixtures: every database test runs on SQLite, and again on PostgreSQL when
STOREROOM_TEST_POSTGRES_URL is set (`.ci/run` sets it; start PostgreSQL locally with
`pg_ctlcluster 15 main start` or any server you can reach)."""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from asgi_lifespan import LifespanManager
from litestar import Litestar

from storeroom.api.startup import prepare
from storeroom.app import create_app
from storeroom.auth.accounts import create_user
from storeroom.auth.tables import group_table, rule_table, user_group_table
from storeroom.settings import Settings, load_settings

POSTGRES_URL = os.environ.get("STOREROOM_TEST_POSTGRES_URL", "")
DATABASES = ["sqlite", "postgres"] if POSTGRES_URL else ["sqlite"]
PASSWORD = "correct-horse-battery"

Client = httpx.AsyncClient


def _admin_engine() -> sa.Engine:
    url = sa.engine.make_url(POSTGRES_URL).set(drivername="postgresql+psycopg2")
    return sa.create_engine(url, isolation_level="AUTOCOMMIT")


# A test's PostgreSQL database is dropped by this thread while the next test runs: a DROP
# DATABASE takes the server ~0.3-1 s, which the test process would otherwise sit through.
_DROPPER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drop-test-database")


@cache
def _dropping_engine() -> sa.Engine:
    return _admin_engine()


def _drop(name: str) -> None:
    with _dropping_engine().connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


_DROPS: list[Future[None]] = []


def drop_database_later(name: str) -> None:
    _DROPS.append(_DROPPER.submit(_drop, name))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Every test database is dropped before the session ends; a drop that failed is printed."""
    _DROPPER.shutdown(wait=True)
    for drop in _DROPS:
        if drop.exception() is not None:
            print(f"could not drop a test database: {drop.exception()}", file=sys.stderr)


ADMIN_EMAIL = "admin@example.com"
# The first admin of every test database (made once, in the template databases).
TEMPLATE_SETTINGS: dict[str, Any] = {
    "admin_user": "admin",
    "admin_password": PASSWORD,
    "admin_email": ADMIN_EMAIL,
    "log_level": "WARNING",
}


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory migrated once, with the default tenant and the admin; each test copies it
    (migrating every tenant's tables anew costs seconds per test)."""
    directory = tmp_path_factory.mktemp("template") / "data"
    asyncio.run(prepare(load_settings(environ={}, data_dir=directory, **TEMPLATE_SETTINGS)))
    return directory


@pytest.fixture(scope="session")
def postgres_template(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The PostgreSQL twin of sqlite_template: a database each test clones with TEMPLATE."""
    if not POSTGRES_URL:
        yield ""
        return
    name = f"storeroom_template_{uuid.uuid4().hex[:8]}"
    engine = _admin_engine()
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = str(sa.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(False))
    settings = load_settings(
        environ={}, data_dir=tmp_path_factory.mktemp("pg"), database_url=url, **TEMPLATE_SETTINGS
    )
    asyncio.run(prepare(settings))
    yield name
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@contextmanager
def module_database(
    kind: str, data_dir: Path, sqlite_template: Path, postgres_template: str
) -> Iterator[str]:
    """For an app shared by a module's tests: `data_dir` filled from the migrated SQLite template,
    and the database URL — empty for SQLite, else a clone of the PostgreSQL template, dropped in
    the background once the module is done (migrating the data model anew costs seconds)."""
    shutil.copytree(sqlite_template, data_dir)
    if kind != "postgres":
        yield ""
        return
    name = f"storeroom_module_{uuid.uuid4().hex[:12]}"
    with _dropping_engine().connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"'))
    try:
        yield str(sa.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(False))
    finally:
        drop_database_later(name)


@pytest.fixture(params=DATABASES)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path, postgres_template: str
) -> Any:
    if request.param == "sqlite":
        shutil.copytree(sqlite_template, tmp_path / "data")
        yield ""
        return
    name = f"storeroom_test_{uuid.uuid4().hex[:12]}"
    engine = _dropping_engine()
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"'))
    yield str(sa.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(False))
    drop_database_later(name)


@pytest.fixture
def make_settings(tmp_path: Path, database_url: str) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "data_dir": tmp_path / "data",
            "database_url": database_url,
            **TEMPLATE_SETTINGS,
            "count_cache_seconds": 0.0,
            # Spare tenant schemas are built in the background; only their own test wants them.
            "spare_tenant_schemas": 0,
            "log_level": "WARNING",
            # No test app may reach the real ECB feed.
            "currency_refresh_hours": 0.0,
        }
        values.update(overrides)
        return load_settings(environ={}, **values)

    return make


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings()


@pytest.fixture
async def app(settings: Settings) -> Litestar:
    return create_app(settings)


@asynccontextmanager
async def started(app: Litestar) -> AsyncIterator[Client]:
    """A client for the app, its lifespan run in the test's own event loop (so database
    connections made by tests and by the app share one loop)."""
    async with (
        LifespanManager(app, startup_timeout=60, shutdown_timeout=60),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
        ) as client,
    ):
        yield client


@pytest.fixture
async def anonymous(app: Litestar) -> AsyncIterator[Client]:
    async with started(app) as client:
        yield client


def basic(username: str, password: str) -> dict[str, str]:
    encoded = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {encoded}"}


async def token_for(client: Client, username: str, password: str = PASSWORD) -> str:
    response = await client.get("/api/user/token/?name=tests", headers=basic(username, password))
    assert response.status_code == 200, response.text
    return str(response.json()["token"])


@pytest.fixture
async def client(app: Litestar, anonymous: Client) -> AsyncIterator[Client]:
    """The first admin (a superuser), authenticated by token; a client of its own beside
    `anonymous`, on the same started app."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
    ) as admin:
        admin.headers["Authorization"] = f"Token {await token_for(anonymous, 'admin')}"
        yield admin


MakeUser = Callable[..., Awaitable[int]]


@pytest.fixture
def make_user(app: Litestar, anonymous: Client) -> MakeUser:
    """Create a user in a tenant, optionally with rulesets: {"part": ("view", "add")}."""

    async def make(
        username: str,
        account: str = "default",
        rules: dict[str, tuple[str, ...]] | None = None,
        **attributes: Any,
    ) -> int:
        context = app.state.api
        account = await context.tenants.ensure(account)
        async with context.databases.platform.begin() as connection:
            user_id = await create_user(connection, account, username, PASSWORD, **attributes)
            if rules:
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
                            group_id=group_id,
                            ruleset=ruleset,
                            **{f"can_{action}": True for action in actions},
                        )
                    )
        return user_id

    return make


@pytest.fixture
def login_as(app: Litestar, make_user: MakeUser) -> Callable[..., Awaitable[Client]]:
    """A new client for a new user (token auth); close it with `await client.__aexit__(...)`."""

    async def login(username: str, account: str = "default", **attributes: Any) -> Client:
        await make_user(username, account, **attributes)
        # A plain httpx client on the same, already started app (a second test client would
        # run the lifespan again).
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
        )
        client.headers["Authorization"] = f"Token {await token_for(client, username)}"
        return client

    return login


@pytest.fixture
async def anonymous_factory() -> AsyncIterator[Callable[[Settings], Awaitable[Client]]]:
    """Clients for apps built with other settings, each started and stopped properly."""
    async with AsyncExitStack() as stack:

        async def make(settings: Settings) -> Client:
            return await stack.enter_async_context(started(create_app(settings)))

        yield make


@pytest.fixture
def live_server(settings: Settings) -> Any:
    """A real HTTP server on a free loopback port, in a thread, for clients that speak HTTP."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the live server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


async def make_user_in(
    app: Litestar, username: str, account: str = "default", **attributes: Any
) -> int:
    """A user in a tenant of a started app (made directly: the API has no user creation)."""
    context = app.state.api
    account = await context.tenants.ensure(account)
    async with context.databases.platform.begin() as connection:
        return await create_user(connection, account, username, PASSWORD, **attributes)
