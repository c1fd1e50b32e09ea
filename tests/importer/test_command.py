"""`storeroom import FILE --model ...` runs the workflow and prints the rows that failed."""

from __future__ import annotations

from pathlib import Path

from storeroom.app import create_app
from storeroom.settings import Settings
from tests.cli.test_commands import storeroom
from tests.conftest import Client, started


async def test_import_command_imports_valid_rows_and_prints_failures(
    settings: Settings, tmp_path: Path
) -> None:
    source = tmp_path / "parts.csv"
    source.write_text("Title,Active\nBolt,yes\nNut,maybe\n")
    done = storeroom(settings, "import", str(source), "--model", "part", "--map", "Title=name")
    assert done.returncode == 1, done.stderr
    assert "row 2: active: Must be a valid boolean." in done.stdout
    assert "Imported 1 rows; 1 failed" in done.stdout
    async with started(create_app(settings)) as client:
        client.headers["Authorization"] = await _token(client)
        parts = (await client.get("/api/part/")).json()
    assert [part["name"] for part in parts] == ["Bolt"]


async def _token(client: Client) -> str:
    from tests.conftest import token_for

    return f"Token {await token_for(client, 'admin')}"


def test_import_command_reports_a_bad_file(settings: Settings, tmp_path: Path) -> None:
    source = tmp_path / "empty.csv"
    source.write_text("")
    done = storeroom(settings, "import", str(source), "--model", "part")
    assert done.returncode == 1
    assert "The file is empty." in done.stderr


def test_import_command_refuses_an_unknown_field(settings: Settings, tmp_path: Path) -> None:
    source = tmp_path / "parts.csv"
    source.write_text("Name\nBolt\n")
    done = storeroom(settings, "import", str(source), "--model", "part", "--map", "Name=colour")
    assert done.returncode == 1
    assert "colour is not an importable field" in done.stderr
