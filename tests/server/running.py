"""A real `storeroom serve` on a free loopback port, in a fresh SQLite data directory."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass
class Served:
    url: str
    host: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def environment(data_dir: Path, **settings: str) -> dict[str, str]:
    clean = {name: value for name, value in os.environ.items() if not name.startswith("STOREROOM_")}
    return clean | {
        "STOREROOM_DATA_DIR": str(data_dir),
        "STOREROOM_ADMIN_PASSWORD": "correct-horse-battery",
        "STOREROOM_CURRENCY_REFRESH_HOURS": "0",
        **{f"STOREROOM_{key.upper()}": value for key, value in settings.items()},
    }


@contextlib.contextmanager
def storeroom_serve(
    directory: Path, *arguments: str, command: tuple[str, ...] = (), **settings: str
) -> Iterator[Served]:
    """Started and ready (its /readyz answers), stopped afterwards; `command` replaces the
    `python -m storeroom` that runs it."""
    port = free_port()
    log = directory / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603
            [
                *(command or (sys.executable, "-m", "storeroom")),
                "serve",
                "--port",
                str(port),
                *arguments,
            ],
            env=environment(directory / "data", **settings),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    served = Served(f"http://127.0.0.1:{port}", "127.0.0.1", port, process, log)
    try:
        # A safety net for a server that never starts, not a measure of anything.
        deadline = time.monotonic() + 180
        while True:
            assert process.poll() is None, served.output()[-3000:]
            assert time.monotonic() < deadline, "storeroom did not become ready"
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{served.url}/readyz", timeout=5).status_code == 200:
                    break
            time.sleep(0.2)
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
