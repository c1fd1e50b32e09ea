"""The task lists' shapes, as InvenTree 264's serializers describe them (for /api/schema/)."""

from __future__ import annotations

from typing import Literal

import msgspec

from storeroom.api.openapi_structs import Moment


class TaskOverview(msgspec.Struct):
    is_running: bool
    pending_tasks: int
    scheduled_tasks: int
    failed_tasks: int


class PendingTask(msgspec.Struct):
    pk: int
    key: str
    lock: Moment
    task_id: str
    name: str
    func: str
    args: str
    kwargs: str


class ScheduledTask(msgspec.Struct):
    pk: int
    name: str | None
    func: str
    args: str | None
    kwargs: str | None
    schedule_type: Literal["O", "I", "H", "D", "W", "BW", "M", "BM", "Q", "Y", "C"]
    repeats: int
    last_run: Moment | None
    next_run: Moment | None
    success: bool
    task: str | None


class FailedTask(msgspec.Struct):
    pk: str
    name: str
    func: str
    args: str | None
    kwargs: str | None
    started: Moment
    stopped: Moment
    attempt_count: int
    result: str
