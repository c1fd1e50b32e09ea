"""The tenants benchmark's fixtures: a scratch PostgreSQL database, one `storeroom serve` on a free
loopback port with the identity header enabled, the identity header of an account, and the seed
rows written straight into each tenant's `error_report` table.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx

POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"
VENV_BIN = Path(sys.executable).parent
LIST_PATH = "/api/error-report/?limit=25"
# Storeroom's default: a list's count is kept this long, so rows seeded behind the server's
# back show in the count only after it.
COUNT_CACHE_SECONDS = 1.0
# Rows 1..$1 with distinct `when` values, so that pages are stable; SCHEMA is acct<account>.
SEED_SQL = (
    'INSERT INTO "SCHEMA".error_report ("when", info, data, path) '
    "SELECT timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => n), "
    "'ValueError: benchmark failure ' || n, 'Traceback: failure ' || n, "
    "'/api/part/' || n || '/' FROM generate_series(1, $1) AS n"
)


def identity_header(account: str) -> str:
    """The x-rh-identity value of an org admin "u" of the account (docs/api-behaviour.md)."""
    user = {"username": "u", "is_org_admin": True}
    document = {"identity": {"account_number": account, "user": user}}
    return base64.b64encode(json.dumps(document).encode()).decode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def run_on_server(statement: str) -> None:
    connection = await asyncpg.connect(f"{POSTGRES_SERVER}/postgres")
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@contextmanager
def scratch_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one run, dropped afterwards (even on failure)."""
    name = f"storeroom_tenants_{os.getpid()}_{secrets.token_hex(3)}"
    asyncio.run(run_on_server(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{POSTGRES_SERVER}/{name}"
    finally:
        asyncio.run(run_on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def server_environment(database_url: str, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "STOREROOM_DATABASE_URL": database_url,
        "STOREROOM_DATA_DIR": str(data_dir),
        "STOREROOM_IDENTITY_HEADER_ENABLED": "true",
        "STOREROOM_LOG_LEVEL": "WARNING",
        "STOREROOM_COUNT_CACHE_SECONDS": str(COUNT_CACHE_SECONDS),
        "STOREROOM_ADMIN_PASSWORD": secrets.token_urlsafe(12),
    }


@dataclass
class Server:
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


def wait_ready(server: Server, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.process.poll() is None:
        try:
            if httpx.get(f"{server.base_url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    tail = server.log.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"storeroom did not become ready; its log ends:\n{tail}")


@contextmanager
def storeroom_server(environment: dict[str, str], logs: Path) -> Iterator[Server]:
    """`storeroom serve` with one worker on a free loopback port, stopped on exit."""
    port = free_port()
    command = [str(VENV_BIN / "storeroom"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    log = logs / "storeroom.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_ready(server)
        yield server
    except BaseException:
        tail = log.read_text(errors="replace")[-3000:]
        print(f"storeroom's log ends:\n{tail}", file=sys.stderr)
        raise
    finally:
        server.stop()


async def seed_error_reports(dsn: str, accounts: Sequence[str], rows: int) -> float:
    """Insert `rows` error reports into each tenant's table; returns the seconds it took."""
    began = time.perf_counter()
    connection = await asyncpg.connect(dsn)
    try:
        async with connection.transaction():
            for account in accounts:
                await connection.execute(SEED_SQL.replace("SCHEMA", f"acct{account}"), rows)
    finally:
        await connection.close()
    return time.perf_counter() - began
