"""Starting and stopping the two servers under test, and the scratch PostgreSQL database.

Both run under uvicorn with one worker and uvicorn's defaults (uvloop and httptools when
installed, as `uvicorn[standard]` installs them); storeroom through its own `storeroom serve`.
Each server's output goes to a log file, shown if it fails to start.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx

BENCH_DIR = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"


@dataclass
class Server:
    name: str
    base_url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def storeroom_command(port: int) -> list[str]:
    return [str(VENV_BIN / "storeroom"), "serve", "--host", "127.0.0.1", "--port", str(port)]


def bare_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "bare_app:app",
        "--app-dir",
        str(BENCH_DIR),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--log-level",
        "warning",
        "--no-access-log",
    ]


def start(name: str, command: list[str], env: Mapping[str, str], port: int, logs: Path) -> Server:
    log = logs / f"{name}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT
        )
    server = Server(name, f"http://127.0.0.1:{port}", process, log)
    try:
        wait_ready(server, "/readyz" if name == "storeroom" else "/api/")
    except BaseException:
        server.stop()
        raise
    return server


def wait_ready(server: Server, path: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            if httpx.get(server.base_url + path, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    tail = server.log.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"{server.name} did not become ready; its log ends:\n{tail}")


@contextmanager
def running(
    name: str, command: list[str], env: Mapping[str, str], port: int, logs: Path
) -> Iterator[Server]:
    server = start(name, command, env, port, logs)
    try:
        yield server
    finally:
        server.stop()


async def _on_server(statement: str) -> None:
    connection = await asyncpg.connect(f"{POSTGRES_SERVER}/postgres")
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@contextmanager
def scratch_postgres(kept: Path | None = None) -> Iterator[str]:
    """A fresh, empty database for one run, dropped afterwards; or, given a kept folder, the
    database whose name that folder remembers (created by the first run, never dropped)."""
    remembered = kept / "postgres-database" if kept else None
    if remembered and remembered.exists():
        yield f"{POSTGRES_SERVER}/{remembered.read_text()}"
        return
    name = f"storeroom_bench_{os.getpid()}_{secrets.token_hex(3)}"
    asyncio.run(_on_server(f'CREATE DATABASE "{name}"'))
    if remembered:
        remembered.write_text(name)
        yield f"{POSTGRES_SERVER}/{name}"
        return
    try:
        yield f"{POSTGRES_SERVER}/{name}"
    finally:
        asyncio.run(_on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
