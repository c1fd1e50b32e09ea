"""Uploads a killed process left half-written (the importer's spool folder, each tenant's
attachment `.incoming/`) are removed when the app starts and on a schedule; an upload written to
recently is kept, as a live process may still be writing it."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from storeroom.api.stale_uploads import STALE_AFTER_SECONDS, sweeping
from storeroom.app import create_app
from storeroom.settings import Settings
from tests.conftest import started

MEGABYTE = b"x" * 1024 * 1024


def left_behind(folder: Path, name: str, age_seconds: float) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(MEGABYTE)
    moment = time.time() - age_seconds
    os.utime(path, (moment, moment))
    return path


async def test_an_import_upload_a_killed_process_left_is_removed_at_start(
    settings: Settings,
) -> None:
    stale = left_behind(
        settings.data_dir / "imports" / "incoming", "upload-x.csv", STALE_AFTER_SECONDS + 60
    )
    async with started(create_app(settings)):
        assert not stale.exists()


async def test_an_attachment_upload_a_killed_process_left_is_removed_at_start(
    settings: Settings,
) -> None:
    folder = settings.data_dir / "attachments" / "default" / ".incoming"
    stale = left_behind(folder, "0123abcd", STALE_AFTER_SECONDS + 60)
    async with started(create_app(settings)):
        assert not stale.exists()


async def test_uploads_written_to_recently_are_kept(settings: Settings) -> None:
    importing = left_behind(settings.data_dir / "imports" / "incoming", "upload-y.csv", 60)
    attaching = left_behind(
        settings.data_dir / "attachments" / "default" / ".incoming", "4567cdef", 60
    )
    async with started(create_app(settings)):
        assert importing.exists()
        assert attaching.exists()


async def test_the_sweep_runs_again_while_the_app_lives(tmp_path: Path) -> None:
    async with sweeping(lambda: [tmp_path], every=0.01):
        stale = left_behind(tmp_path, "later", STALE_AFTER_SECONDS + 60)
        for _ in range(3000):
            if not stale.exists():
                break
            await asyncio.sleep(0.01)
        assert not stale.exists()
