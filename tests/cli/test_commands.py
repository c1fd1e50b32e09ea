"""The `storeroom` command, run as a user would run it (a subprocess with the environment)."""

import os
import subprocess
import sys
from pathlib import Path

from storeroom.app import create_app
from storeroom.settings import Settings
from tests.conftest import basic, started


def storeroom(
    settings: Settings, *arguments: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "STOREROOM_DATA_DIR": str(settings.data_dir),
        "STOREROOM_DATABASE_URL": settings.database_url,
        "STOREROOM_LOG_LEVEL": "WARNING",
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "storeroom", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        input=stdin,
        timeout=120,
        check=False,
    )


def test_createsuperuser_non_interactive_then_login(settings: Settings) -> None:
    done = storeroom(
        settings,
        "createsuperuser",
        "--username",
        "root",
        "--email",
        "r@x.io",
        "--password",
        "pw-12345",
    )
    assert done.returncode == 0, done.stderr
    assert "Superuser root created" in done.stdout


async def test_created_superuser_can_log_in(settings: Settings) -> None:
    done = storeroom(
        settings,
        "createsuperuser",
        "--username",
        "root",
        "--email",
        "r@x.io",
        "--password",
        "pw-12345",
    )
    assert done.returncode == 0, done.stderr
    async with started(create_app(settings)) as client:
        me = await client.get("/api/user/me/", headers=basic("root", "pw-12345"))
        assert me.json()["is_superuser"] is True


def test_createsuperuser_refuses_a_taken_name(settings: Settings) -> None:
    arguments = ("createsuperuser", "--username", "twice", "--email", "", "--password", "pw")
    assert storeroom(settings, *arguments).returncode == 0
    again = storeroom(settings, *arguments)
    assert again.returncode != 0
    assert "already exists" in again.stderr


def test_tenant_create_list_delete(settings: Settings) -> None:
    assert storeroom(settings, "tenant", "create", "acme").returncode == 0
    listed = storeroom(settings, "tenant", "list")
    assert listed.stdout.split() == ["acme", "default"]
    assert storeroom(settings, "tenant", "delete", "acme", "--yes").returncode == 0
    assert storeroom(settings, "tenant", "list").stdout.split() == ["default"]


def test_tenant_create_refuses_a_bad_account_name(settings: Settings) -> None:
    done = storeroom(settings, "tenant", "create", "../etc")
    assert done.returncode != 0
    assert "Account names" in done.stderr


def test_createsuperuser_into_a_tenant(settings: Settings) -> None:
    done = storeroom(
        settings,
        "createsuperuser",
        "--username",
        "boss",
        "--email",
        "",
        "--password",
        "pw",
        "--tenant",
        "acme",
        "--create-tenant",
    )
    assert done.returncode == 0, done.stderr
    assert "acme" in storeroom(settings, "tenant", "list").stdout.split()


def test_migrate_upgrades_every_tenant(settings: Settings) -> None:
    storeroom(settings, "tenant", "create", "acme")
    done = storeroom(settings, "migrate")
    assert done.returncode == 0, done.stderr
    assert "tenant acme: at" in done.stdout
    assert "tenant default: at" in done.stdout


def test_check_reports_ok(settings: Settings) -> None:
    done = storeroom(settings, "check")
    assert done.returncode == 0
    assert done.stdout.strip() == "ok"


def test_check_reports_an_unreachable_database(settings: Settings, tmp_path: Path) -> None:
    broken = Settings(data_dir=tmp_path, database_url="postgresql://nobody@127.0.0.1:1/none")
    done = storeroom(broken, "check")
    assert done.returncode == 2
    assert "database unreachable" in done.stderr


def test_a_bad_setting_stops_with_its_key_and_value(settings: Settings) -> None:
    environment = {
        **os.environ,
        "STOREROOM_MAX_BODY_SIZE": "lots",
        "STOREROOM_DATA_DIR": str(settings.data_dir),
    }
    done = subprocess.run(
        [sys.executable, "-m", "storeroom", "check"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "max_body_size" in done.stderr
    assert "'lots'" in done.stderr
