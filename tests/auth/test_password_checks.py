"""Basic auth's password check (argon2) runs in a worker thread, and a credential just verified is
not hashed again until its password changes (issue 12, item 5)."""

import asyncio
import threading
from collections.abc import Callable

import pytest
import sqlalchemy as sa
from litestar import Litestar

from storeroom.auth import secrets
from storeroom.auth.accounts import set_password
from storeroom.auth.tables import user_table
from tests.conftest import PASSWORD, Client, basic, token_for


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The passwords argon2 was asked to verify."""
    verified: list[str] = []
    real: Callable[[str, str], bool] = secrets.verify_password

    def counting(password_hash: str, password: str) -> bool:
        verified.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(secrets, "verify_password", counting)
    return verified


async def test_a_credential_just_verified_is_not_hashed_again(
    anonymous: Client, checks: list[str]
) -> None:
    for _ in range(3):
        response = await anonymous.get("/api/user/me/", headers=basic("admin", PASSWORD))
        assert response.status_code == 200
    assert checks == [PASSWORD]


async def test_a_wrong_password_is_hashed_every_time(anonymous: Client, checks: list[str]) -> None:
    for _ in range(2):
        response = await anonymous.get("/api/user/me/", headers=basic("admin", "wrong"))
        assert response.status_code == 401
    assert checks == ["wrong", "wrong"]


async def test_the_old_password_fails_once_it_is_changed(app: Litestar, anonymous: Client) -> None:
    assert (await anonymous.get("/api/user/me/", headers=basic("admin", PASSWORD))).is_success
    async with app.state.api.databases.platform.begin() as connection:
        admin_id = await connection.scalar(
            sa.select(user_table.c.id).where(user_table.c.username == "admin")
        )
        await set_password(connection, admin_id, "a-new-password")
    response = await anonymous.get("/api/user/me/", headers=basic("admin", PASSWORD))
    assert response.status_code == 401
    assert (
        await anonymous.get("/api/user/me/", headers=basic("admin", "a-new-password"))
    ).is_success


async def test_other_requests_are_served_while_a_password_is_hashed(
    anonymous: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = await token_for(anonymous, "admin")
    hashing, release = threading.Event(), threading.Event()
    real = secrets.verify_password

    def slow(password_hash: str, password: str) -> bool:
        hashing.set()
        # Blocks whatever runs it until the token request below has been answered: on the event
        # loop, that request could never be answered first.
        release.wait(timeout=60)
        return real(password_hash, password)

    monkeypatch.setattr(secrets, "verify_password", slow)
    finished: list[str] = []

    async def basic_request() -> None:
        await anonymous.get("/api/user/me/", headers=basic("admin", "not-the-password"))
        finished.append("basic")

    pending = asyncio.create_task(basic_request())
    assert await asyncio.to_thread(hashing.wait, 60), "the password was never checked"
    await anonymous.get("/api/user/me/", headers={"Authorization": f"Token {token}"})
    finished.append("token")
    release.set()
    await pending
    assert finished == ["token", "basic"]
