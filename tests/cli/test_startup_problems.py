"""A database that cannot be used, or a port that cannot be listened on, stops a command with one
line on stderr and exit code 2, not a traceback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.cli.command import run_storeroom
from tests.conftest import POSTGRES_URL


def data(tmp_path: Path, **variables: str) -> dict[str, str]:
    return {"STOREROOM_DATA_DIR": str(tmp_path / "data"), **variables}


@pytest.mark.parametrize("command", ["serve", "check", "migrate"])
def test_a_garbage_database_url_is_one_line(tmp_path: Path, command: str) -> None:
    done = run_storeroom(data(tmp_path, STOREROOM_DATABASE_URL="garbage"), command)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "storeroom: setting database_url: cannot use 'garbage' "
        "(expected postgresql://user@host:5432/database or sqlite:///path)"
    ]


def test_a_database_url_password_is_not_shown(tmp_path: Path) -> None:
    url = "mysql://someone:hunter2@db.example/inventory"
    done = run_storeroom(data(tmp_path, STOREROOM_DATABASE_URL=url), "check")
    assert done.returncode == 2
    assert "hunter2" not in done.stderr
    assert "mysql://someone:********@db.example/inventory" in done.stderr


@pytest.mark.parametrize("command", ["serve", "check", "migrate"])
def test_an_unreachable_database_is_one_line(tmp_path: Path, command: str) -> None:
    url = "postgresql://nobody@127.0.0.1:1/none"
    done = run_storeroom(data(tmp_path, STOREROOM_DATABASE_URL=url), command)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith("storeroom: database unreachable: ")


@pytest.mark.skipif(not POSTGRES_URL, reason="needs STOREROOM_TEST_POSTGRES_URL")
@pytest.mark.parametrize("command", ["serve", "check", "createsuperuser"])
def test_a_postgres_database_that_does_not_exist_is_one_line(tmp_path: Path, command: str) -> None:
    url = sa.engine.make_url(POSTGRES_URL).set(database="storeroom_no_such_database")
    variables = data(tmp_path, STOREROOM_DATABASE_URL=url.render_as_string(False))
    done = run_storeroom(variables, *_arguments(command))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        'storeroom: database unreachable: database "storeroom_no_such_database" does not exist'
    ]


def _arguments(command: str) -> tuple[str, ...]:
    if command == "createsuperuser":
        return (command, "--username", "u", "--email", "", "--password", "p")
    return (command,)


def test_serve_on_a_port_in_use_says_so_instead_of_serving(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_storeroom(data(tmp_path), "serve", "--port", str(port))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"storeroom: cannot listen on 127.0.0.1:{port}: the port is already in use"
    ]
    assert "serving on" not in done.stdout
