"""Benchmark: attachments through the API, with storeroom run as `storeroom serve`.

1. Transfer: a --size-mb file (default 1 GB) is uploaded as multipart to a part, then downloaded,
   both streamed by the client; the server's peak RSS growth over its resting RSS is read from
   /proc (VmHWM after resetting it with clear_refs; the server process and its children) and the
   MB/s of each direction are printed; the download is checked byte for byte (SHA-256). Target:
   peak RSS growth under 64 MB.
2. List: GET /api/attachment/?limit=25&offset=N over --rows attachments, against the bare app
   (bare_attachments.py: raw ASGI, the same driver, the same SQL, the same bytes; both checked
   first) in the same run, as bench/error_report_list.py does for the error-report list: wrk, a
   random page of the first --max-offset rows per request, --rounds rounds with the server that
   goes first alternating. Target: storeroom at >= 60 % of the bare app's throughput.

Run: .venv/bin/python bench/attachments.py [--database sqlite|postgres] [--size-mb 1024]
     [--storage local|s3] [--rows 100000] [--seconds 10] [--rounds 3] [--skip-transfer]
     [--skip-list]; the list's results also go to bench/results/attachment_list-<db>-<time>.json.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import secrets
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
from attachment_list import list_benchmark
from seed import fetch_token
from servers import Server, free_port, running, scratch_postgres, storeroom_command
from summary import peak_rss_mb
from summary import record as record_row

BLOCK = 1024 * 1024


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--storage", choices=("local", "s3"), default="local")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--max-offset", type=int, default=2_500)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--rounds", type=int, default=3, help="storeroom/bare pairs")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured load before each")
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--skip-transfer", action="store_true")
    parser.add_argument("--skip-list", action="store_true")
    return parser.parse_args()


def pids(server: Server) -> list[int]:
    root = server.process.pid
    found = [root]
    for task in Path(f"/proc/{root}/task").iterdir():
        children = (task / "children").read_text().split()
        found += [int(child) for child in children]
    return found


def memory_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def reset_peaks(server: Server) -> int:
    """Reset each process's peak RSS to its current RSS; returns the summed resting RSS (kB)."""
    for pid in pids(server):
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    return sum(memory_kb(pid, "VmRSS") for pid in pids(server))


def peak(server: Server) -> int:
    return sum(memory_kb(pid, "VmHWM") for pid in pids(server))


def make_file(path: Path, size_mb: int) -> str:
    digest = hashlib.sha256()
    block = os.urandom(BLOCK)
    with path.open("wb") as handle:
        for index in range(size_mb):
            chunk = index.to_bytes(8, "big") + block[8:]
            handle.write(chunk)
            digest.update(chunk)
    return digest.hexdigest()


def s3_settings(stack: ExitStack) -> dict[str, str]:
    import boto3
    from moto.server import ThreadedMotoServer

    # moto's request log would drown the figures.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    stack.callback(server.stop)
    endpoint = f"http://127.0.0.1:{port}"
    keys = {"aws_access_key_id": "bench", "aws_secret_access_key": "bench"}
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **keys).create_bucket(
        Bucket="bench"
    )
    return {
        "ATTACHMENT_STORAGE": "s3",
        "S3_BUCKET": "bench",
        "S3_ENDPOINT_URL": endpoint,
        "S3_ACCESS_KEY": "bench",
        "S3_SECRET_KEY": "bench",
    }


def transfer(server: Server, token: str, source: Path, expected: str) -> dict[str, Any]:
    headers = {"Authorization": f"Token {token}"}
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=600) as client:
        part = client.post("/api/part/", json={"name": "bench part", "description": "bench"})
        part.raise_for_status()
        form = {"model_type": "part", "model_id": str(part.json()["pk"])}
        # Warm-up: the first upload and download import and allocate what every later one uses.
        small = client.post(URL, data=form, files={"attachment": ("w.bin", b"w" * 1000)})
        small.raise_for_status()
        client.get(small.json()["attachment"]).raise_for_status()
        resting = reset_peaks(server)
        started = time.perf_counter()
        with source.open("rb") as handle:
            answer = client.post(URL, data=form, files={"attachment": ("big.bin", handle)})
        upload_seconds = time.perf_counter() - started
        answer.raise_for_status()
        upload_peak = peak(server)
        resting_download = reset_peaks(server)
        digest = hashlib.sha256()
        started = time.perf_counter()
        with client.stream("GET", answer.json()["attachment"]) as response:
            response.raise_for_status()
            for chunk in response.iter_bytes(BLOCK):
                digest.update(chunk)
        download_seconds = time.perf_counter() - started
        download_peak = peak(server)
    size_mb = source.stat().st_size / BLOCK
    return {
        "size_mb": size_mb,
        "upload_mb_s": size_mb / upload_seconds,
        "download_mb_s": size_mb / download_seconds,
        "upload_peak_growth_mb": (upload_peak - resting) / 1024,
        "download_peak_growth_mb": (download_peak - resting_download) / 1024,
        "intact": digest.hexdigest() == expected,
    }


URL = "/api/attachment/"
PAGE_SIZE = 25
COUNT_CACHE_SECONDS = "1.0"


def run_transfer(server: Server, token: str, folder: Path, arguments: argparse.Namespace) -> bool:
    source = folder / "big.bin"
    expected = make_file(source, arguments.size_mb)
    figures = transfer(server, token, source, expected)
    source.unlink()
    print(
        f"transfer ({arguments.storage}, {arguments.database}): "
        + ", ".join(
            f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()
        )
    )
    for way in ("upload", "download"):
        record_row(
            "attachments",
            f"{way} {arguments.size_mb} MB ({arguments.storage}, {arguments.database})",
            figures[f"{way}_mb_s"],
            "MB/s",
            peak_rss_mb=peak_rss_mb(server.process.pid),
            note=f"RSS growth {figures[f'{way}_peak_growth_mb']:.1f} MB",
        )
    return bool(figures["intact"]) and figures["upload_peak_growth_mb"] < 64


def main() -> int:
    arguments = parse_arguments()
    with tempfile.TemporaryDirectory(prefix="storeroom-attach-") as temporary, ExitStack() as stack:
        folder = Path(temporary)
        url = stack.enter_context(scratch_postgres()) if arguments.database == "postgres" else ""
        password = secrets.token_urlsafe(12)
        env = {
            "STOREROOM_DATA_DIR": str(folder / "data"),
            "STOREROOM_DATABASE_URL": url,
            "STOREROOM_COUNT_CACHE_SECONDS": COUNT_CACHE_SECONDS,
            "STOREROOM_ADMIN_USER": "admin",
            "STOREROOM_ADMIN_PASSWORD": password,
            "STOREROOM_LOG_LEVEL": "WARNING",
            "STOREROOM_ATTACHMENT_MAX_SIZE": str((arguments.size_mb + 16) * BLOCK),
        }
        if arguments.storage == "s3":
            env |= {f"STOREROOM_{key}": value for key, value in s3_settings(stack).items()}
        port = free_port()
        server = stack.enter_context(
            running("storeroom", storeroom_command(port), env, port, folder)
        )
        token = fetch_token(server.base_url, "admin", password)
        ok = True
        if not arguments.skip_transfer:
            ok = run_transfer(server, token, folder, arguments)
        if not arguments.skip_list:
            ok = list_benchmark(stack, server, token, (url, folder), arguments) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
