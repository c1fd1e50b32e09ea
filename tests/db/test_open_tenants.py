"""SQLite keeps a bounded set of tenant databases open (least recently used closed first), so
many tenants never exhaust the process's file descriptors."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from litestar import Litestar

from storeroom.settings import Settings
from tests.conftest import Client
from tests.db.capped_tenants import serve_tenant

ROOT = Path(__file__).resolve().parents[2]


def test_many_tenants_are_served_under_a_low_open_file_limit(
    sqlite_template: Path, tmp_path: Path
) -> None:
    # 256 descriptors; 60 tenants kept open would need about 360 (three per SQLite connection).
    shutil.copytree(sqlite_template, tmp_path / "data")
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tests.db.capped_tenants", "256", "60", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["wrong"] == []
    assert result["open"] <= result["limit"] < 60


@pytest.fixture
def settings(make_settings: Callable[..., Settings], database_url: str) -> Settings:
    if database_url:
        pytest.skip("SQLite only: PostgreSQL serves every tenant through one engine")
    return make_settings(identity_header_enabled=True, sqlite_open_tenants=2)


async def test_requests_of_more_tenants_than_the_cap_at_once_are_each_served(
    anonymous: Client, app: Litestar
) -> None:
    accounts = [f"t{number}" for number in range(6)]
    for account in accounts:
        assert await serve_tenant(anonymous, account, first=True) is None
    problems = await asyncio.gather(
        *(serve_tenant(anonymous, account, first=False) for account in accounts * 4)
    )
    assert [problem for problem in problems if problem] == []
    assert app.state.api.databases.tenant_files.open_count() <= 2
