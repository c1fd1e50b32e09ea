"""Uploads a killed process left half-written on disk (the importer's spooled files, attachments'
`.incoming/`): nothing else would ever remove them. A folder is swept when the app starts and
every hour after; only files untouched for an hour go, so an upload still arriving (it writes as
it goes) or just finished and about to be moved is never taken.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

logger = logging.getLogger("storeroom.uploads")

STALE_AFTER_SECONDS = 3600.0
SWEEP_SECONDS = 3600.0

Folders = Callable[[], Iterable[Path]]


def remove_stale(folders: Iterable[Path], older_than: float) -> int:
    """Remove the files directly in `folders` last written over `older_than` seconds ago;
    answers how many."""
    cutoff = time.time() - older_than
    removed = 0
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed += 1
            except FileNotFoundError:
                # Finished and moved into place, or removed by another worker's sweep.
                continue
    return removed


def sweep_once(folders: Folders, older_than: float) -> int:
    removed = remove_stale(folders(), older_than)
    if removed:
        logger.warning("Removed %d upload(s) a stopped process left half-written", removed)
    return removed


async def _sweep_forever(folders: Folders, older_than: float, every: float) -> None:
    while True:
        await asyncio.sleep(every)
        # The job runner: a failed pass is logged, and the next one still runs.
        try:
            await asyncio.to_thread(sweep_once, folders, older_than)
        except Exception:
            logger.exception("The sweep of stale uploads failed")


@asynccontextmanager
async def sweeping(
    folders: Folders, older_than: float = STALE_AFTER_SECONDS, every: float = SWEEP_SECONDS
) -> AsyncIterator[None]:
    """Sweep `folders()` now, then every `every` seconds while the block runs."""
    try:
        await asyncio.to_thread(sweep_once, folders, older_than)
    except OSError:
        logger.exception("The sweep of stale uploads failed")
    task = asyncio.create_task(_sweep_forever(folders, older_than, every), name="upload-sweep")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
