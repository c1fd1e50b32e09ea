"""A schedule runs once per deployment, however many processes run it: the embedded default holds
a file lock in data_dir, SAQ queues each tick of a cron job once under its key."""

from __future__ import annotations

import asyncio
import shutil
import time
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from storeroom.app import create_app
from tests.background.conftest import (
    EVERY_SECOND,
    REDIS_URL,
    TICKS,
    settings_for,
)
from tests.conftest import started

QUEUES = ["local", "redis"] if REDIS_URL else ["local"]


@pytest.mark.parametrize("queue", QUEUES)
async def test_a_schedule_runs_once_per_tick_with_two_processes(
    queue: str, tmp_path: Path, sqlite_template: Path
) -> None:
    shutil.copytree(sqlite_template, tmp_path / "data")
    settings = settings_for(tmp_path / "data", "", queue)
    async with AsyncExitStack() as stack:
        for _ in range(2):
            await stack.enter_async_context(started(create_app(settings, background=EVERY_SECOND)))
        TICKS.clear()
        start = time.time()
        await asyncio.sleep(4.5)
        end = time.time()
    ticks = list(TICKS)
    # A run records the second it ran in, and a worker may start a tick up to a second late (SAQ
    # polls its scheduled jobs each second), so two ticks can share a second: count the runs. The
    # window holds at most one tick per second it touches, and one more queued just before it.
    most = int(end) - int(start) + 2
    assert 3 <= len(ticks) <= most, (ticks, most)
