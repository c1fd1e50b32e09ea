"""The importer's whole workflow over HTTP against a real `storeroom serve` process.

    .venv/bin/python bench/import_workflow.py [--rows 1000000] [--database sqlite|postgres|both]
        [--workers N [--concurrency C] [--queue-url redis://127.0.0.1:6379/0]]

Generates a part CSV (8 columns, the category given by name), then: upload (POST session) and
wait for the columns (status 10), accept_fields and wait for the validated rows (status 30), read
the valid rows' ids page by page, accept_rows in chunks. Prints each step's seconds and rows/s,
the total, and the server's peak RSS (VmHWM). Targets on a 2-core machine: 1,000,000 rows in
<= 60 s on PostgreSQL, <= 90 s on SQLite, peak RSS <= 1 GB.

Without --workers the server runs the jobs itself (the embedded default); with --workers N the
server is web only (STOREROOM_WORKER_IN_WEB=false) and N `storeroom worker --concurrency C`
processes take every step from a SAQ queue in Redis; their peak RSS is printed beside the
server's.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import msgspec
import saq

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import VENV_BIN, free_port, running, scratch_postgres, storeroom_command
from bench.summary import record
from storeroom.background.redis_queue import queue_name_of
from storeroom.settings import load_settings

CATEGORIES = [f"Category {number}" for number in range(20)]
HEADER = ["Name", "Description", "Category", "IPN", "Units", "Active", "Minimum Stock", "Keywords"]
ID_PAGE = 250_000
ACCEPT_CHUNK = 100_000
MAX_RETRIES = 100


class RowId(msgspec.Struct):
    pk: int


class RowPage(msgspec.Struct):
    results: list[RowId]


def generate(path: Path, rows: int) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(rows):
            writer.writerow(
                [
                    f"Part {number}",
                    f"Imported part number {number}",
                    CATEGORIES[number % len(CATEGORIES)],
                    f"IPN-{number:07d}",
                    "pcs",
                    "true" if number % 3 else "false",
                    str(number % 10),
                    "bench import",
                ]
            )


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_status(client: httpx.Client, pk: int, statuses: set[int]) -> dict[str, Any]:
    while True:
        session: dict[str, Any] = client.get(f"/api/importer/session/{pk}/").json()
        if session["status"] in statuses:
            return session
        time.sleep(0.25)


def timed(
    label: str, rows: int, results: list[tuple[str, float, int]], step: Callable[[], Any]
) -> Any:
    start = time.perf_counter()
    answer = step()
    elapsed = time.perf_counter() - start
    results.append((label, elapsed, rows))
    print(f"  {label:<28} {elapsed:7.2f} s  {rows / elapsed:>10,.0f} rows/s", flush=True)
    return answer


def valid_ids(client: httpx.Client, pk: int, count: int) -> list[int]:
    ids: list[int] = []
    for offset in range(0, count, ID_PAGE):
        response = client.get(
            "/api/importer/row/",
            params={
                "session": pk,
                "valid": "true",
                "limit": ID_PAGE,
                "offset": offset,
                "ordering": "pk",
            },
        )
        # Decoded into the one field it needs, as a client reading only the ids would.
        ids += [row.pk for row in msgspec.json.decode(response.content, type=RowPage).results]
    return ids


def accept(client: httpx.Client, pk: int, ids: list[int]) -> None:
    retries = 0
    for start in range(0, len(ids), ACCEPT_CHUNK):
        selection = {"rows": ids[start : start + ACCEPT_CHUNK]}
        response = client.post(f"/api/importer/session/{pk}/accept_rows/", json=selection)
        # A 503 asks the client to try again shortly (on SQLite a request can wait past the busy
        # timeout while the previous selection's chunks are written): counted, and retried.
        while response.status_code == 503 and retries < MAX_RETRIES:
            retries += 1
            time.sleep(1)
            response = client.post(f"/api/importer/session/{pk}/accept_rows/", json=selection)
        assert response.status_code == 201, response.text[:500]
    if retries:
        print(f"  (accept_rows answered 503 {retries} times, each retried after 1 s)")
    # A selection larger than one chunk is imported by the queue's workers after the answer.
    while True:
        session = client.get(f"/api/importer/session/{pk}/").json()
        assert not session["error"], session
        if session["completed_row_count"] >= len(ids):
            return
        time.sleep(0.25)


def workflow(base_url: str, password: str, data: Path, rows: int) -> list[tuple[str, float, int]]:
    results: list[tuple[str, float, int]] = []
    token = httpx.get(
        f"{base_url}/api/user/token/", params={"name": "bench"}, auth=("admin", password)
    ).json()["token"]
    # Token auth: Basic auth checks the password hash (argon2) on every request.
    headers = {"Authorization": f"Token {token}"}
    with httpx.Client(base_url=base_url, timeout=600, headers=headers) as client:
        for name in CATEGORIES:
            client.post("/api/part/category/", json={"name": name}).raise_for_status()

        def upload() -> dict[str, Any]:
            with data.open("rb") as handle:
                created = client.post(
                    "/api/importer/session/",
                    data={"model_type": "part"},
                    files={"data_file": ("parts.csv", handle, "text/csv")},
                )
            assert created.status_code == 201, created.text
            return wait_status(client, created.json()["pk"], {10, 40})

        session = timed("upload + read columns", rows, results, upload)
        assert session["status"] == 10, session
        pk = session["pk"]

        def validate() -> dict[str, Any]:
            client.post(f"/api/importer/session/{pk}/accept_fields/").raise_for_status()
            return wait_status(client, pk, {30, 40})

        session = timed("accept_fields (validate)", rows, results, validate)
        assert session["row_count"] == rows, session
        ids = timed("list valid row ids", rows, results, lambda: valid_ids(client, pk, rows))
        assert len(ids) == rows, len(ids)
        timed("accept_rows (import)", rows, results, lambda: accept(client, pk, ids))
        done = client.get(f"/api/importer/session/{pk}/").json()
        assert (done["status"], done["completed_row_count"]) == (40, rows), done
        count = client.get("/api/part/", params={"limit": 1}).json()["count"]
        assert count == rows, count
    return results


@dataclass(frozen=True)
class Workers:
    count: int = 0
    concurrency: int = 2
    queue_url: str = ""

    @property
    def label(self) -> str:
        if not self.count:
            return "jobs in the server"
        return f"{self.count} workers x {self.concurrency}, Redis"


@contextmanager
def worker_processes(
    workers: Workers, env: dict[str, str], logs: Path
) -> Iterator[list[subprocess.Popen[bytes]]]:
    """`storeroom worker` processes with the server's settings; stopped (SIGTERM) afterwards."""
    command = [str(VENV_BIN / "storeroom"), "worker", "--concurrency", str(workers.concurrency)]
    processes = []
    with ExitStack() as stack:
        for number in range(workers.count):
            log = stack.enter_context((logs / f"worker-{number}.log").open("wb"))
            processes.append(
                subprocess.Popen(
                    command, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
                )
            )
        try:
            asyncio.run(wait_for_workers(workers, env))
            yield processes
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


async def wait_for_workers(workers: Workers, env: dict[str, str]) -> None:
    """Until every worker has registered with the queue: a worker's start (imports, the
    platform's tables) is not part of the workflow's time."""
    queue = saq.Queue.from_url(workers.queue_url, name=queue_name_of(load_settings(environ=env)))
    try:
        for _ in range(240):
            if len((await queue.info())["workers"]) >= workers.count:
                return
            await asyncio.sleep(0.5)
        raise RuntimeError("the workers did not start within 120 s")
    finally:
        await queue.disconnect()


def run(database: str, data: Path, rows: int, scratch: Path, workers: Workers) -> None:
    password = secrets.token_urlsafe(12)
    port = free_port()
    env = {
        "STOREROOM_DATA_DIR": str(scratch / database),
        "STOREROOM_ADMIN_USER": "admin",
        "STOREROOM_ADMIN_PASSWORD": password,
        "STOREROOM_LOG_LEVEL": "WARNING",
        "STOREROOM_CURRENCY_REFRESH_HOURS": "0",
        "STOREROOM_MAX_BODY_SIZE": str(1024 * 1024 * 1024),
    }

    if workers.count:
        env |= {"STOREROOM_QUEUE_URL": workers.queue_url, "STOREROOM_WORKER_IN_WEB": "false"}

    def measure(url: str) -> None:
        env["STOREROOM_DATABASE_URL"] = url
        with (
            running("storeroom", storeroom_command(port), env, port, scratch) as server,
            worker_processes(workers, env, scratch) as taking,
        ):
            print(f"{database}, {workers.label}: {rows:,} rows", flush=True)
            results = workflow(server.base_url, password, data, rows)
            total = sum(seconds for _, seconds, _ in results)
            print(f"  {'whole workflow':<28} {total:7.2f} s  {rows / total:>10,.0f} rows/s")
            peak = peak_rss_mb(server.process.pid)
            print(f"  server peak RSS {peak:,.0f} MB", flush=True)
            for number, process in enumerate(taking):
                print(f"  worker {number} peak RSS {peak_rss_mb(process.pid):,.0f} MB", flush=True)
            record(
                "import",
                f"whole workflow, {rows:,} part rows ({database}, {workers.label})",
                rows / total,
                "rows/s",
                peak_rss_mb=max([peak, *(peak_rss_mb(process.pid) for process in taking)]),
                note=f"{total:.1f} s",
            )

    if database == "postgres":
        with scratch_postgres() as url:
            measure(url)
    else:
        measure("")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument(
        "--workers", type=int, default=0, help="storeroom worker processes (0: jobs in the server)"
    )
    parser.add_argument("--concurrency", type=int, default=2, help="jobs at once per worker")
    parser.add_argument("--queue-url", default="redis://127.0.0.1:6379/0")
    arguments = parser.parse_args()
    workers = Workers(arguments.workers, arguments.concurrency, arguments.queue_url)
    with tempfile.TemporaryDirectory(prefix="storeroom-import-bench-") as directory:
        scratch = Path(directory)
        data = scratch / "parts.csv"
        start = time.perf_counter()
        generate(data, arguments.rows)
        print(
            f"generated {data.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - start:.1f} s"
        )
        databases = (
            ("sqlite", "postgres") if arguments.database == "both" else (arguments.database,)
        )
        for database in databases:
            run(database, data, arguments.rows, scratch, workers)


if __name__ == "__main__":
    main()
