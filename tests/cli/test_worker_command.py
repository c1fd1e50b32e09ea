"""`storeroom worker` needs a queue it can reach, and `storeroom check` reports one it cannot: one
line on stderr, not a traceback."""

from __future__ import annotations

from pathlib import Path

from tests.cli.command import run_storeroom

# Nothing listens on port 1.
UNREACHABLE = "redis://127.0.0.1:1/0"


def data(tmp_path: Path, **variables: str) -> dict[str, str]:
    return {"STOREROOM_DATA_DIR": str(tmp_path / "data"), **variables}


def test_a_worker_without_a_queue_stops_saying_what_to_set(tmp_path: Path) -> None:
    done = run_storeroom(data(tmp_path), "worker")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "storeroom: a worker needs a queue: set STOREROOM_QUEUE_URL=redis://host:6379/0 (without "
        "one, `storeroom serve` runs the jobs itself)"
    ]


def test_a_worker_whose_queue_is_unreachable_stops_in_one_line(tmp_path: Path) -> None:
    done = run_storeroom(data(tmp_path, STOREROOM_QUEUE_URL=UNREACHABLE), "worker")
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["storeroom: Queue unreachable: ConnectionError"]


def test_check_reports_an_unreachable_queue(tmp_path: Path) -> None:
    done = run_storeroom(data(tmp_path, STOREROOM_QUEUE_URL=UNREACHABLE), "check")
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["problem: Queue unreachable: ConnectionError"]
    assert done.stdout == ""
