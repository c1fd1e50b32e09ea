"""The login limiter counts failures per (username, address) and, with a higher limit, per
address; each attempt is reserved before its password is checked (issue 12, item 10)."""

import asyncio
import os
import secrets

import httpx
import pytest
from litestar import Litestar

from storeroom.app import create_app
from storeroom.auth.login_limits import ADDRESS_MULTIPLE
from tests.conftest import PASSWORD, Client, basic, started

# Like PostgreSQL, Redis is tested when a server is named (tests/importer/test_jobs.py).
REDIS_URL = os.environ.get("STOREROOM_TEST_REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="set STOREROOM_TEST_REDIS_URL")


def from_address(app: Litestar, address: str) -> Client:
    """A client of an already started app, connecting from `address`."""
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver.local")


async def login(client: Client, username: str, password: str) -> int:
    body = {"username": username, "password": password}
    return (await client.post("/api/auth/login/", json=body)).status_code


async def test_failures_for_an_unknown_user_do_not_lock_out_others_at_that_address(
    make_settings, anonymous_factory
) -> None:
    client: Client = await anonymous_factory(make_settings(login_attempts_per_minute=3))
    assert [await login(client, "ghost", "x") for _ in range(3)] == [401, 401, 401]
    assert await login(client, "ghost", "x") == 429
    assert await login(client, "admin", PASSWORD) == 200


async def test_a_users_failures_at_one_address_do_not_lock_it_out_at_another(
    make_settings,
) -> None:
    app = create_app(make_settings(login_attempts_per_minute=2))
    async with started(app):
        attacker, office = from_address(app, "203.0.113.9"), from_address(app, "198.51.100.7")
        assert [await login(attacker, "admin", "x") for _ in range(3)] == [401, 401, 429]
        assert await login(office, "admin", PASSWORD) == 200


async def test_one_address_trying_many_usernames_is_limited(
    make_settings, anonymous_factory
) -> None:
    client: Client = await anonymous_factory(make_settings(login_attempts_per_minute=1))
    statuses = [await login(client, f"guess{n}", "x") for n in range(ADDRESS_MULTIPLE)]
    assert statuses == [401] * ADDRESS_MULTIPLE
    limited = await client.post("/api/auth/login/", json={"username": "admin", "password": "y"})
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1


async def test_concurrent_wrong_passwords_check_no_more_than_the_limit(
    make_settings, anonymous_factory
) -> None:
    client: Client = await anonymous_factory(make_settings(login_attempts_per_minute=10))
    responses = await asyncio.gather(
        *(client.get("/api/user/me/", headers=basic("admin", f"wrong{n}")) for n in range(60))
    )
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [401] * 10 + [429] * 50


async def test_successful_logins_do_not_count(make_settings, anonymous_factory) -> None:
    client: Client = await anonymous_factory(make_settings(login_attempts_per_minute=2))
    for _ in range(4):
        assert await login(client, "admin", PASSWORD) == 200
    assert await login(client, "admin", "x") == 401
    assert await login(client, "admin", PASSWORD) == 200


def fresh_address() -> str:
    """An address no earlier run used: Redis keeps the windows between test runs."""
    return f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(256)}"


@needs_redis
async def test_workers_sharing_redis_share_the_limit(make_settings) -> None:
    settings = make_settings(login_attempts_per_minute=2, rate_limit_storage=REDIS_URL)
    address = fresh_address()
    first, second = create_app(settings), create_app(settings)
    async with started(first), started(second):
        assert await login(from_address(first, address), "admin", "x") == 401
        assert await login(from_address(second, address), "admin", "x") == 401
        assert await login(from_address(first, address), "admin", "x") == 429
        assert await login(from_address(second, address), "admin", PASSWORD) == 429


@needs_redis
async def test_concurrent_wrong_passwords_are_limited_in_redis_too(make_settings) -> None:
    app = create_app(make_settings(login_attempts_per_minute=5, rate_limit_storage=REDIS_URL))
    async with started(app):
        client = from_address(app, fresh_address())
        responses = await asyncio.gather(
            *(client.get("/api/user/me/", headers=basic("admin", f"no{n}")) for n in range(30))
        )
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [401] * 5 + [429] * 25
