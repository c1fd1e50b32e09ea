"""PostgreSQL stopped under load and started again, with a real `storeroom serve` in front of it.

The test runs a throwaway cluster of its own (initdb + pg_ctl on a free port; the machine's shared
server is never touched), puts steady reads and writes on storeroom, stops PostgreSQL, then starts
it again. While it is down every request answers 503 in DRF's error shape and /readyz is not ready;
once it is back requests succeed without storeroom being restarted, no write is half-applied, and
the outage left no error report. The scenario runs once per module; each test checks one of these.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

PASSWORD = "outage-horse-battery"
WORKERS = 4
TIMEOUT = 10.0
SUCCESS = {200, 201}
STOREROOM = Path(sys.executable).parent / "storeroom"


def postgres_binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian layout), else the one on PATH."""
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class Cluster:
    """A PostgreSQL cluster in a temporary folder. Its binaries refuse to run as root, so as root
    they run as the `postgres` user, who owns the folder."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.root = Path(tempfile.mkdtemp(prefix="storeroom-outage-"))
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, user="postgres")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, program: str, *arguments: str) -> None:
        command = [str(self.binaries / program), *arguments]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603

    def create(self) -> None:
        self.run("initdb", "-D", str(self.root / "data"), "-A", "trust", "-U", "postgres")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        data, log = str(self.root / "data"), str(self.root / "server.log")
        self.run("pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.root / "data"), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class Call:
    label: str
    started: float
    ended: float
    status: int | str
    body: Any


@dataclass
class Outage:
    """What the load saw, and the state read back once PostgreSQL was up again."""

    calls: list[Call] = field(default_factory=list)
    stopped_at: float = 0.0
    restart_began: float = 0.0
    restarted_at: float = 0.0
    ready_while_down: Call | None = None
    ready_after: Call | None = None
    server_alive: bool = False
    created: dict[str, list[tuple[str, int | str]]] = field(default_factory=dict)
    parents: dict[int, dict[str, Any]] = field(default_factory=dict)
    children: list[dict[str, Any]] = field(default_factory=list)
    stock: list[dict[str, Any]] = field(default_factory=list)
    error_reports: Any = None
    other_tenant: list[Call] = field(default_factory=list)
    server_log: str = ""

    def between(self, start: float, end: float) -> list[Call]:
        return [call for call in self.calls if call.started >= start and call.ended <= end]


def environment(cluster: Cluster, data_dir: Path) -> dict[str, str]:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("STOREROOM_")}
    return clean | {
        "STOREROOM_DATABASE_URL": cluster.url,
        "STOREROOM_DATA_DIR": str(data_dir),
        "STOREROOM_LOG_LEVEL": "WARNING",
        "STOREROOM_CURRENCY_REFRESH_HOURS": "0",
    }


@contextlib.contextmanager
def storeroom_server(
    env: dict[str, str], log: Path
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    # The admin of the default tenant, and a second tenant's, for the isolation check.
    for username, tenant in (("admin", "default"), ("other", "other")):
        subprocess.run(  # noqa: S603
            [
                str(STOREROOM),
                *("createsuperuser", "--username", username, "--email", "a@example.com"),
                *("--password", PASSWORD, "--tenant", tenant),
                *(("--create-tenant",) if tenant != "default" else ()),
            ],
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603
            [str(STOREROOM), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "storeroom did not become ready"
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{base_url}/readyz", timeout=2).status_code == 200:
                    break
            time.sleep(0.2)
        yield base_url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def timed(client: httpx.AsyncClient, label: str, method: str, path: str, **kw: Any) -> Call:
    started = time.monotonic()
    try:
        response = await client.request(method, path, **kw)
        status: int | str = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = response.text
    except httpx.HTTPError as error:
        status, body = type(error).__name__, str(error)
    return Call(label, started, time.monotonic(), status, body)


class Load:
    """Each worker cycles through reads and writes on its own parent category (so that its
    writes never race another worker's), until told to stop."""

    def __init__(self, client: httpx.AsyncClient, outage: Outage, part: int) -> None:
        self.client, self.outage, self.part = client, outage, part
        self.stopping = asyncio.Event()

    async def worker(self, number: int, parent: int) -> None:
        created = self.outage.created.setdefault(str(number), [])
        step = 0
        while not self.stopping.is_set():
            step += 1
            name = f"w{number}-{step}"
            for label, method, path, body in (
                ("list categories", "GET", f"/api/part/category/?parent={parent}&limit=5", None),
                ("part detail", "GET", f"/api/part/{self.part}/", None),
                (
                    "create category",
                    "POST",
                    "/api/part/category/",
                    {"name": name, "parent": parent},
                ),
                # Renaming a parent rewrites every child's pathstring: a multi-row write.
                ("rename parent", "PATCH", f"/api/part/category/{parent}/", {"name": f"p{name}"}),
                (
                    "create stock",
                    "POST",
                    "/api/stock/",
                    {"part": self.part, "quantity": step, "batch": name},
                ),
                ("list stock", "GET", "/api/stock/?limit=5", None),
            ):
                call = await timed(self.client, label, method, path, json=body)
                self.outage.calls.append(call)
                if label.startswith("create"):
                    created.append((f"{label}:{name}", call.status))

    def successes_since(self, moment: float) -> set[str]:
        return {
            call.label
            for call in self.outage.calls
            if call.started >= moment and call.status in SUCCESS
        }


async def wait_for(condition: Any, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the load did not reach the expected state in time"
        await asyncio.sleep(0.1)


async def run_outage(base_url: str, cluster: Cluster, outage: Outage) -> None:
    async with (
        httpx.AsyncClient(base_url=base_url, timeout=TIMEOUT) as client,
        httpx.AsyncClient(base_url=base_url, timeout=TIMEOUT) as probe,
    ):
        token = await client.get("/api/user/token/?name=outage", auth=("admin", PASSWORD))
        client.headers["Authorization"] = f"Token {token.json()['token']}"
        part = (await client.post("/api/part/", json={"name": "Bolt"})).json()["pk"]
        parents = [
            (await client.post("/api/part/category/", json={"name": f"p{number}"})).json()["pk"]
            for number in range(WORKERS)
        ]
        load = Load(client, outage, part)
        tasks = [
            asyncio.create_task(load.worker(number, parent))
            for number, parent in enumerate(parents)
        ]
        try:
            await wait_for(lambda: len(load.successes_since(0)) == 6, 60)
            await asyncio.to_thread(cluster.stop)
            outage.stopped_at = time.monotonic()
            await wait_for(
                lambda: len(outage.between(outage.stopped_at, time.monotonic())) >= 40, 60
            )
            outage.ready_while_down = await timed(probe, "readyz", "GET", "/readyz")
            outage.restart_began = time.monotonic()
            await asyncio.to_thread(cluster.start)
            outage.restarted_at = time.monotonic()
            # Every operation has succeeded again (each worker runs at least one more cycle).
            await wait_for(lambda: len(load.successes_since(outage.restarted_at)) == 6, 60)
            await asyncio.sleep(1.0)
        finally:
            load.stopping.set()
            await asyncio.gather(*tasks)
        outage.ready_after = await timed(probe, "readyz", "GET", "/readyz")
        await read_back(client, probe, outage, parents)


async def read_back(
    client: httpx.AsyncClient, probe: httpx.AsyncClient, outage: Outage, parents: list[int]
) -> None:
    for parent in parents:
        outage.parents[parent] = (await client.get(f"/api/part/category/{parent}/")).json()
        children = await client.get(f"/api/part/category/?parent={parent}")
        outage.children += children.json()
    outage.stock = (await client.get("/api/stock/")).json()
    outage.error_reports = (await client.get("/api/error-report/?limit=1")).json()
    token = await probe.get("/api/user/token/?name=other", auth=("other", PASSWORD))
    probe.headers["Authorization"] = f"Token {token.json()['token']}"
    outage.other_tenant = [
        await timed(probe, "other detail", "GET", f"/api/part/category/{parents[0]}/"),
        await timed(probe, "other list", "GET", "/api/part/category/"),
        await timed(probe, "other stock", "GET", "/api/stock/"),
    ]


@pytest.fixture(scope="module")
def outage() -> Iterator[Outage]:
    binaries = postgres_binaries()
    if binaries is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
    cluster = Cluster(binaries)
    try:
        cluster.create()
        cluster.start()
        env = environment(cluster, cluster.root / "storeroom")
        found = Outage()
        with storeroom_server(env, cluster.root / "storeroom.log") as (base_url, process):
            asyncio.run(run_outage(base_url, cluster, found))
            found.server_alive = process.poll() is None
        found.server_log = (cluster.root / "storeroom.log").read_text(errors="replace")
        yield found
    finally:
        cluster.remove()


def test_requests_answer_503_in_drf_shape_while_postgres_is_down(outage: Outage) -> None:
    down = outage.between(outage.stopped_at, outage.restart_began)
    assert len(down) >= 40
    assert {call.label for call in down} == {
        "list categories",
        "part detail",
        "create category",
        "rename parent",
        "create stock",
        "list stock",
    }
    assert {call.status for call in down} == {503}
    assert all(call.body == {"detail": call.body["detail"]} for call in down)
    assert {call.body["detail"] for call in down} == {
        "The database is unavailable. Try again shortly."
    }


def test_no_request_fails_otherwise_or_hangs(outage: Outage) -> None:
    # Around the stop and the start a request may still succeed or already fail, never else.
    unexpected = [
        (call.label, call.status, call.body)
        for call in outage.calls
        if call.status not in SUCCESS | {503}
    ]
    assert unexpected == [], outage.server_log[-6000:]
    assert max(call.ended - call.started for call in outage.calls) < TIMEOUT


def test_readyz_reports_not_ready_while_down_and_ready_after(outage: Outage) -> None:
    assert outage.ready_while_down is not None
    assert outage.ready_while_down.status == 503
    assert set(outage.ready_while_down.body) == {"detail"}
    assert outage.ready_after is not None
    assert (outage.ready_after.status, outage.ready_after.body) == (200, {"status": "ready"})


def test_requests_succeed_again_without_restarting_storeroom(outage: Outage) -> None:
    after = [call for call in outage.calls if call.started >= outage.restarted_at]
    assert len(after) >= 6
    assert [call for call in after if call.status not in SUCCESS] == []
    assert outage.server_alive


def test_every_acknowledged_write_is_stored_and_none_twice(outage: Outage) -> None:
    names = [child["name"] for child in outage.children]
    batches = [item["batch"] for item in outage.stock]
    for writes in outage.created.values():
        for key, status in writes:
            label, name = key.split(":")
            stored = (names if label == "create category" else batches).count(name)
            # A write whose answer was lost with the connection may or may not have committed.
            assert stored == 1 if status in SUCCESS else stored in (0, 1), (key, status)


def test_no_write_is_half_applied(outage: Outage) -> None:
    # A child's pathstring is written with it and rewritten with every rename of its parent.
    assert outage.children
    for child in outage.children:
        parent = outage.parents[child["parent"]]
        assert child["pathstring"] == f"{parent['pathstring']}/{child['name']}"
        assert child["level"] == parent["level"] + 1


def test_outage_is_not_recorded_as_an_error_report(outage: Outage) -> None:
    assert outage.error_reports["count"] == 0


def test_other_tenant_sees_none_of_the_rows_after_recovery(outage: Outage) -> None:
    detail, categories, stock = outage.other_tenant
    assert (detail.status, detail.body) == (404, {"detail": "Not found."})
    assert (categories.status, categories.body) == (200, [])
    assert (stock.status, stock.body) == (200, [])
