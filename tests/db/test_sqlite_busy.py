"""A SQLite write lock held past the busy timeout is a busy server (503), not a server fault."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storeroom.app import create_app
from storeroom.settings import load_settings
from tests.conftest import TEMPLATE_SETTINGS, Client, started, token_for


@pytest.fixture
async def busy_client(sqlite_template: Path, tmp_path: Path) -> AsyncIterator[tuple[Client, Path]]:
    shutil.copytree(sqlite_template, tmp_path / "data")
    settings = load_settings(
        environ={},
        **TEMPLATE_SETTINGS,
        data_dir=tmp_path / "data",
        spare_tenant_schemas=0,
        currency_refresh_hours=0.0,
        count_cache_seconds=0.0,
        sqlite_busy_timeout_ms=200,
    )
    async with started(create_app(settings)) as client:
        client.headers["Authorization"] = f"Token {await token_for(client, 'admin')}"
        yield client, settings.data_dir / "tenants" / "default.sqlite3"


async def test_a_write_locked_out_answers_503_and_the_next_one_succeeds(
    busy_client: tuple[Client, Path],
) -> None:
    client, tenant_file = busy_client
    assert tenant_file.exists()
    # Another writer (a second worker, a maintenance script) holds the write lock.
    # (In a thread: the app's own writers must go on while this one waits for the lock.)
    other = sqlite3.connect(tenant_file, isolation_level=None, check_same_thread=False)
    await asyncio.to_thread(other.execute, "BEGIN IMMEDIATE")
    try:
        refused = await client.post("/api/part/category/", json={"name": "Locked out"})
        assert refused.status_code == 503
        assert refused.json() == {"detail": "The database is unavailable. Try again shortly."}
        # Reads do not wait for writers (WAL).
        listed = await client.get("/api/part/category/")
        assert listed.status_code == 200
        assert all(row["name"] != "Locked out" for row in listed.json())
    finally:
        other.execute("ROLLBACK")
        other.close()
    accepted = await client.post("/api/part/category/", json={"name": "Let in"})
    assert accepted.status_code == 201, accepted.text
    names = [row["name"] for row in (await client.get("/api/part/category/")).json()]
    assert names.count("Let in") == 1
    assert "Locked out" not in names
    # A busy database is not a fault of the server: no error report is recorded.
    reports = await client.get("/api/error-report/")
    assert reports.json() == []
