"""Every command is listed by `storeroom --help` and in the README's Commands section."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from storeroom.cli import app

README = Path(__file__).parents[2] / "README.md"
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def readme_commands() -> str:
    text = README.read_text()
    return text[text.index("## Commands") :].split("\n## ", 1)[0]


def test_import_is_a_command() -> None:
    assert "import" in COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_listed_in_help(command: str) -> None:
    shown = CliRunner().invoke(app, ["--help"], terminal_width=200).output
    assert f" {command} " in shown


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_listed_in_the_readme(command: str) -> None:
    assert f"storeroom {command} " in readme_commands()
