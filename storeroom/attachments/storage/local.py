"""Attachments on local disk: `<data_dir>/attachments/<tenant>/<key>`.

A file is written to `.incoming/` beside the tenant's files and moved into place when complete, so
a half-written upload never appears under its key (one a killed process left there is swept:
api/stale_uploads.py). Disk work runs in worker threads in blocks of a
megabyte, so the event loop never waits on the disk.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import IO

import anyio.to_thread

from storeroom.api.uploads import FileSink
from storeroom.attachments.storage.store import MissingFile, StorageUnavailable, tenant_folder

BLOCK = 1024 * 1024


class LocalFileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, account: str, key: str) -> Path:
        # Keys are made by the service from sanitised names; this is the last line of defence.
        parts = key.split("/")
        if any(part in {"", ".", ".."} for part in parts):
            raise ValueError(f"unsafe storage key {key!r}")
        return self.root / tenant_folder(account) / Path(*parts)

    async def writer(self, account: str, key: str) -> FileSink:
        target = self.path(account, key)
        incoming = self.root / tenant_folder(account) / ".incoming" / uuid.uuid4().hex
        try:
            handle = await anyio.to_thread.run_sync(_create, incoming)
        except OSError as error:
            raise StorageUnavailable(f"The attachment storage is unavailable: {error}") from None
        return LocalWriter(handle, incoming, target)

    async def read(
        self, account: str, key: str, start: int = 0, end: int | None = None
    ) -> AsyncIterator[bytes]:
        path = self.path(account, key)
        try:
            handle = await anyio.to_thread.run_sync(path.open, "rb")
        except FileNotFoundError:
            raise MissingFile(key) from None
        except OSError as error:
            raise StorageUnavailable(f"The attachment storage is unavailable: {error}") from None
        try:
            await anyio.to_thread.run_sync(handle.seek, start)
            remaining = None if end is None else end - start
            while remaining is None or remaining > 0:
                size = BLOCK if remaining is None else min(BLOCK, remaining)
                chunk = await anyio.to_thread.run_sync(handle.read, size)
                if not chunk:
                    return
                if remaining is not None:
                    remaining -= len(chunk)
                yield chunk
        finally:
            handle.close()

    async def delete(self, account: str, key: str) -> None:
        path = self.path(account, key)
        try:
            await anyio.to_thread.run_sync(_remove, path)
        except OSError as error:
            raise StorageUnavailable(f"The attachment storage is unavailable: {error}") from None

    async def rename(self, account: str, old: str, new: str) -> None:
        source, target = self.path(account, old), self.path(account, new)
        try:
            await anyio.to_thread.run_sync(_move, source, target)
        except FileNotFoundError:
            raise MissingFile(old) from None
        except OSError as error:
            raise StorageUnavailable(f"The attachment storage is unavailable: {error}") from None

    async def close(self) -> None:
        return None

    def incoming_folders(self) -> list[Path]:
        """Every tenant's `.incoming/`, for the sweep of uploads a killed process left there."""
        try:
            return [folder / ".incoming" for folder in self.root.iterdir() if folder.is_dir()]
        except FileNotFoundError:
            return []


def _create(path: Path) -> IO[bytes]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("xb")


def _move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    # The key's own folder (`<uuid>/`) goes with its only file.
    with contextlib.suppress(OSError):
        path.parent.rmdir()


class LocalWriter:
    def __init__(self, handle: IO[bytes], incoming: Path, target: Path) -> None:
        self._handle: IO[bytes] | None = handle
        self._incoming = incoming
        self._target = target
        self._pending = bytearray()
        self._size = 0
        self._finished = False

    async def write(self, chunk: bytes) -> None:
        self._pending += chunk
        self._size += len(chunk)
        if len(self._pending) >= BLOCK:
            await self._flush()

    async def _flush(self) -> None:
        if self._handle is None or not self._pending:
            return
        block, self._pending = bytes(self._pending), bytearray()
        try:
            await anyio.to_thread.run_sync(self._handle.write, block)
        except OSError as error:
            raise StorageUnavailable(f"The attachment storage is unavailable: {error}") from None

    async def finish(self) -> int:
        await self._flush()
        if self._handle is not None:
            await anyio.to_thread.run_sync(self._handle.close)
            self._handle = None
        try:
            await anyio.to_thread.run_sync(_move, self._incoming, self._target)
        except OSError as error:
            raise StorageUnavailable(f"The attachment storage is unavailable: {error}") from None
        self._finished = True
        return self._size

    async def abort(self) -> None:
        self._pending = bytearray()
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        self._incoming.unlink(missing_ok=True)
        if self._finished:
            await anyio.to_thread.run_sync(_remove, self._target)
