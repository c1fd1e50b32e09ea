"""What every background job and every queue backend share: the `TaskQueue` protocol that the web
processes submit to and read from, the `Runtime` a job function receives, and the registry of job
functions and schedules that `app.py` declares.

A job function is `async def step(runtime: Runtime, **kwargs) -> None`. It may run more than once
(delivery is at least once: a worker killed mid-job hands the job to another), so each one is
idempotent: it starts its step over, or sees that it is done. A job that belongs to a tenant
carries its `account` in its kwargs; the task views show a tenant only its own jobs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from storeroom.api.context import ApiContext

TaskKind = Literal["pending", "failed"]


@dataclass(frozen=True, slots=True)
class Runtime:
    context: ApiContext
    queue: TaskQueue
    # True on the last attempt a job gets: a step marks its object failed only then.
    is_last_attempt: bool = True


JobFunction = Callable[..., Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Schedule:
    """A job run on a cron schedule, once per deployment."""

    name: str
    cron: str


@dataclass(frozen=True, slots=True)
class Registry:
    jobs: Mapping[str, JobFunction]
    schedules: tuple[Schedule, ...] = ()
    # Jobs submitted (without arguments) whenever a web process starts: a sweep that should not
    # wait for its first tick.
    at_start: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TaskView:
    """One job as the task lists show it."""

    key: str
    function: str
    kwargs: dict[str, Any]
    queued: datetime
    started: datetime | None = None
    stopped: datetime | None = None
    attempts: int = 0
    error: str = ""

    @property
    def account(self) -> str | None:
        account = self.kwargs.get("account")
        return str(account) if account is not None else None


@dataclass(frozen=True, slots=True)
class ScheduleView:
    name: str
    cron: str
    next_run: datetime | None
    last_run: datetime | None = None
    is_success: bool = True


@dataclass(slots=True)
class QueueFigures:
    workers: int
    pending: int
    extra: dict[str, int] = field(default_factory=dict)


class TaskQueue(Protocol):
    async def submit(self, job_name: str, args: dict[str, Any]) -> None: ...

    async def tasks(self, kind: TaskKind) -> list[TaskView]: ...

    async def schedules(self) -> list[ScheduleView]: ...

    async def remove(self, kind: TaskKind, keys: set[str]) -> int: ...

    async def figures(self) -> QueueFigures:
        """Raises Unavailable when the queue cannot be reached."""
        ...

    async def ping(self) -> None:
        """Raises Unavailable when the queue cannot be reached."""
