"""The first command run on a new deployment prepares it as `serve` would: `createsuperuser`
before the first `serve` still leaves the STOREROOM_ADMIN_* superuser in place."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from storeroom.app import create_app
from storeroom.settings import Settings, load_settings
from tests.cli.command import run_storeroom
from tests.conftest import DATABASES, POSTGRES_URL, _admin_engine, basic, started

ADMIN = {"STOREROOM_ADMIN_USER": "boss", "STOREROOM_ADMIN_PASSWORD": "boss-password-1"}
CREATE_ROOT = ("createsuperuser", "--username", "root", "--email", "", "--password", "root-pw-1")


@pytest.fixture(params=DATABASES)
def new_deployment(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings of a deployment nothing has run on yet (an empty database)."""
    values = {"data_dir": tmp_path / "data", "log_level": "WARNING", "currency_refresh_hours": 0.0}
    if request.param == "sqlite":
        yield load_settings(environ={}, **values)
        return
    name = f"storeroom_new_{uuid.uuid4().hex[:12]}"
    engine = _admin_engine()
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(False)
    yield load_settings(environ={}, database_url=url, **values)
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def variables(settings: Settings) -> dict[str, str]:
    return {
        "STOREROOM_DATA_DIR": str(settings.data_dir),
        "STOREROOM_DATABASE_URL": settings.database_url,
    }


async def logged_in_as(settings: Settings, username: str, password: str) -> dict[str, object]:
    async with started(create_app(settings)) as client:
        response = await client.get("/api/user/me/", headers=basic(username, password))
        assert response.status_code == 200, response.text
        me: dict[str, object] = response.json()
        return me


async def test_createsuperuser_first_also_creates_the_configured_admin(
    new_deployment: Settings,
) -> None:
    done = run_storeroom(variables(new_deployment) | ADMIN, *CREATE_ROOT)
    assert done.returncode == 0, done.stderr
    me = await logged_in_as(new_deployment, "boss", ADMIN["STOREROOM_ADMIN_PASSWORD"])
    assert (me["username"], me["is_superuser"]) == ("boss", True)


async def test_createsuperuser_first_still_creates_its_own_user(new_deployment: Settings) -> None:
    done = run_storeroom(variables(new_deployment) | ADMIN, *CREATE_ROOT)
    assert done.returncode == 0, done.stderr
    me = await logged_in_as(new_deployment, "root", "root-pw-1")
    assert (me["username"], me["is_superuser"]) == ("root", True)


def test_createsuperuser_first_says_it_created_the_configured_admin(
    new_deployment: Settings,
) -> None:
    done = run_storeroom(variables(new_deployment) | ADMIN, *CREATE_ROOT)
    assert done.stdout.splitlines() == [
        "storeroom: created superuser 'boss' with password (from STOREROOM_ADMIN_PASSWORD)",
        "Superuser root created.",
    ]


def test_createsuperuser_first_without_a_configured_admin_makes_no_other(
    new_deployment: Settings,
) -> None:
    done = run_storeroom(variables(new_deployment), *CREATE_ROOT)
    assert done.stdout.splitlines() == ["Superuser root created."]
