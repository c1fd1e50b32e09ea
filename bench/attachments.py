"""Benchmark: attachments through the API, with storeroom run as `storeroom serve`.

1. Transfer: a --size-mb file (default 1 GB) is uploaded as multipart to a part, then downloaded,
   both streamed by the client; the server's peak RSS growth over its resting RSS is read from
   /proc (VmHWM after resetting it with clear_refs; the server process and its children) and the
   MB/s of each direction are printed; the download is checked byte for byte (SHA-256). Target:
   peak RSS growth under 64 MB.
2. List: GET /api/attachment/?limit=25&offset=N over --rows attachments, against
   GET /api/error-report/?limit=25&offset=N over as many error reports on the same server (the
   list that bench/error_report_list.py measures against the bare app), with wrk. The ratio of
   the two says how the attachment list compares to the resource layer's own list.

Run: .venv/bin/python bench/attachments.py [--size-mb 1024] [--storage local|s3] [--rows 100000]
     [--seconds 10]
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import secrets
import sqlite3
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
from load import Target, find_wrk, measure
from seed import fetch_token, seed_sqlite
from servers import Server, free_port, running, storeroom_command
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
USER_DETAIL = '{"pk": 1, "username": "admin", "first_name": "", "last_name": "", "email": ""}'


def seed_attachments(tenant_file: Path, rows: int) -> None:
    connection = sqlite3.connect(tenant_file, timeout=30)
    with connection:
        connection.executemany(
            "INSERT INTO attachment (model_type, model_id, storage_key, filename, link, comment,"
            " upload_date, upload_user, user_detail, file_size, content_type, tags, metadata)"
            " VALUES ('part', 1, NULL, '', ?, ?, '2026-01-01', 1, ?, 0, '', '[\"bench\"]', NULL)",
            (
                (
                    f"https://example.com/{index}",
                    f"comment {index}",
                    USER_DETAIL,
                )
                for index in range(rows)
            ),
        )
    connection.close()


def list_throughput(server: Server, token: str, arguments: argparse.Namespace) -> dict[str, Any]:
    wrk = find_wrk(may_install=True)
    pages = max(1, min(arguments.max_offset, arguments.rows) // 25)
    results = {}
    for name, path in (("attachment", URL), ("error_report", "/api/error-report/")):
        target = Target(f"{path}?limit=25&offset=", pages, 25, token)
        measure(wrk, server.base_url, target, 2.0, arguments.connections, 1)
        results[name] = measure(
            wrk, server.base_url, target, arguments.seconds, arguments.connections, 1
        ).as_dict()
    share = (
        results["attachment"]["requests_per_second"]
        / results["error_report"]["requests_per_second"]
    )
    return {**results, "attachment_share_of_error_report": share}


def main() -> int:
    arguments = parse_arguments()
    with tempfile.TemporaryDirectory(prefix="storeroom-attach-") as temporary, ExitStack() as stack:
        folder = Path(temporary)
        password = secrets.token_urlsafe(12)
        env = {
            "STOREROOM_DATA_DIR": str(folder / "data"),
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
        source = folder / "big.bin"
        expected = make_file(source, arguments.size_mb)
        figures = transfer(server, token, source, expected)
        source.unlink()
        print(
            f"transfer ({arguments.storage}): "
            + ", ".join(
                f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()
            )
        )
        for way in ("upload", "download"):
            record_row(
                "attachments",
                f"{way} {arguments.size_mb} MB ({arguments.storage})",
                figures[f"{way}_mb_s"],
                "MB/s",
                peak_rss_mb=peak_rss_mb(server.process.pid),
                note=f"RSS growth {figures[f'{way}_peak_growth_mb']:.1f} MB",
            )
        if not arguments.skip_list:
            tenant_file = folder / "data" / "tenants" / "default.sqlite3"
            seed_attachments(tenant_file, arguments.rows)
            seed_sqlite(tenant_file, arguments.rows)
            listed = list_throughput(server, token, arguments)
            for name in ("attachment", "error_report"):
                found = listed[name]
                print(
                    f"list {name}: {found['requests_per_second']:.0f} req/s,"
                    f" p50 {found['p50_ms']:.1f} ms, p99 {found['p99_ms']:.1f} ms"
                )
            print(
                "attachment list / error-report list: "
                f"{listed['attachment_share_of_error_report']:.0%}"
            )
            record_row(
                "attachments",
                f"GET /api/attachment/?limit=25 ({arguments.rows:,} rows, sqlite)",
                listed["attachment"]["requests_per_second"],
                "req/s",
                p99_ms=listed["attachment"]["p99_ms"],
                peak_rss_mb=peak_rss_mb(server.process.pid),
                note=f"{listed['attachment_share_of_error_report']:.0%} of the error-report list",
            )
        ok = figures["intact"] and figures["upload_peak_growth_mb"] < 64
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
