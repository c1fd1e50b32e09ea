"""Files built to exhaust memory end as failed sessions with a clear message, checked in a process
of their own under a memory cap: a regression fails the test, not the machine."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from storeroom.app import create_app
from storeroom.importer.tables import import_session_table
from storeroom.settings import Settings
from tests.conftest import Client, started, token_for
from tests.importer.conftest import mapped_session

# The app runs well within this; the file below took gigabytes before nesting was bounded.
MEMORY_CAP = 1536 * 1024 * 1024
DEPTH = 200_000
DEEP_JSON = b'[{"Name": ' + b"[" * DEPTH + b"]" * DEPTH + b"}]"
ROOT = Path(__file__).resolve().parents[2]


def run_capped(mode: str, settings: Settings, file: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "tests.importer.capped_run", str(MEMORY_CAP), mode]
    command += [str(settings.data_dir), settings.database_url, str(file)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr[-3000:]
    session: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return session


async def test_a_json_file_nested_deep_fails_its_session(
    settings: Settings, tmp_path: Path
) -> None:
    file = tmp_path / "deep.json"
    file.write_bytes(DEEP_JSON)
    session = run_capped("upload", settings, file)
    assert session["status"] == 40
    assert session["error"] == "Item 1 of the JSON array is nested more than 32 levels deep."


async def test_a_deep_json_file_left_by_a_killed_server_fails_when_resumed(
    make_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    settings = make_settings()
    async with started(create_app(settings)) as client:
        client.headers["Authorization"] = f"Token {await token_for(client, 'admin')}"
        session = await mapped_session(client, b'[{"Name": "Bolt"}]', filename="parts.json")
    # As a server killed while reading it leaves the session: at 0, its heartbeat stopped.
    app = create_app(settings)
    async with started(app), app.state.api.databases.tenant_transaction("default") as connection:
        stored = (await connection.execute(sa.select(import_session_table.c.stored_file))).scalar()
        (settings.data_dir / stored).write_bytes(DEEP_JSON)
        await connection.execute(
            sa.update(import_session_table).values(
                status=0, heartbeat=datetime.now(UTC) - timedelta(hours=1)
            )
        )
    resumed = run_capped("resume", settings, tmp_path / "unused")
    assert resumed["pk"] == session["pk"]
    assert resumed["status"] == 40
    assert resumed["error"] == "Item 1 of the JSON array is nested more than 32 levels deep."


async def test_a_json_value_longer_than_a_cell_fails_its_session(client: Client) -> None:
    content = b'[{"Name": {"a": ["' + b"x" * 200_000 + b'"]}}]'
    session = await mapped_session(client, content, filename="parts.json")
    assert session["status"] == 40
    assert "value of 'Name' longer than 131072 characters" in session["error"]


async def test_a_json_file_nested_within_the_bound_is_read(client: Client) -> None:
    content = b'[{"Name": "Bolt", "Notes": [[{"a": [1]}]]}]'
    session = await mapped_session(client, content, filename="parts.json")
    assert (session["status"], session["columns"]) == (10, ["Name", "Notes"])
