"""The task lists as InvenTree 264 answers them (django-q's OrmQ, Schedule and Failure through
its serializers), read from whichever queue runs, each tenant seeing only its own jobs.

A job that names an `account` belongs to that tenant; a job of the whole deployment (a
schedule's run, the importer's sweep) is shown to the default tenant's staff. The schedules
themselves are the deployment's and shown to every tenant's staff.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from storeroom.background.queue import ScheduleView, TaskKind, TaskQueue, TaskView
from storeroom.errors import Invalid

# InvenTree's cluster name; a pending task's `key` names the cluster that will run it.
CLUSTER = "storeroom"
FAILED_ORDERING = ("pk", "func", "started", "stopped")
SCHEDULED_ORDERING = ("pk", "func", "last_run", "next_run")


def pending_pk(key: str) -> int:
    """A stable integer for a job key (InvenTree's pending pk is an integer), under 2**52."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:13], 16)


def stamp(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def arguments(view: TaskView) -> str:
    return repr(view.kwargs)


def pending_body(view: TaskView) -> dict[str, Any]:
    return {
        "pk": pending_pk(view.key),
        "key": CLUSTER,
        "lock": stamp(view.started or view.queued),
        "task_id": view.key,
        "name": view.function,
        "func": view.function,
        "args": "()",
        "kwargs": arguments(view),
    }


def failed_body(view: TaskView) -> dict[str, Any]:
    return {
        "pk": view.key,
        "name": view.function,
        "func": view.function,
        "args": "()",
        "kwargs": arguments(view),
        "started": stamp(view.started or view.queued),
        "stopped": stamp(view.stopped or view.started or view.queued),
        "attempt_count": view.attempts,
        "result": view.error,
    }


def scheduled_body(pk: int, view: ScheduleView) -> dict[str, Any]:
    return {
        "pk": pk,
        "name": view.name,
        "func": view.name,
        "args": None,
        "kwargs": None,
        "schedule_type": "C",
        "repeats": -1,
        "last_run": stamp(view.last_run),
        "next_run": stamp(view.next_run),
        "success": view.is_success,
        "task": None,
    }


def belongs_to(view: TaskView, account: str, default_account: str) -> bool:
    return (view.account or default_account) == account


async def tasks_of(
    queue: TaskQueue, kind: TaskKind, account: str, default_account: str
) -> list[TaskView]:
    return [view for view in await queue.tasks(kind) if belongs_to(view, account, default_account)]


async def pending_list(queue: TaskQueue, account: str, default: str) -> list[dict[str, Any]]:
    return [pending_body(view) for view in await tasks_of(queue, "pending", account, default)]


async def failed_list(queue: TaskQueue, account: str, default: str) -> list[dict[str, Any]]:
    return [failed_body(view) for view in await tasks_of(queue, "failed", account, default)]


async def scheduled_list(queue: TaskQueue) -> list[dict[str, Any]]:
    return [scheduled_body(pk, view) for pk, view in enumerate(await queue.schedules(), 1)]


def searched(bodies: list[dict[str, Any]], search: str | None) -> list[dict[str, Any]]:
    """InvenTree searches `func`: every whitespace-separated term, case-insensitively."""
    terms = (search or "").lower().split()
    return [body for body in bodies if all(term in body["func"].lower() for term in terms)]


def ordered(
    bodies: list[dict[str, Any]], ordering: str | None, allowed: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Sorted by the terms given, last term first, so the first term decides."""
    terms = [term.strip() for term in (ordering or "").split(",") if term.strip()]
    for term in terms:
        if term.removeprefix("-") not in allowed:
            raise Invalid.field(
                "ordering",
                f"Cannot order by '{term.removeprefix('-')}'. Choose from: "
                + ", ".join(allowed)
                + ".",
            )
    result = list(bodies)
    for term in reversed(terms):
        name = term.removeprefix("-")
        result.sort(key=lambda body: sort_key(body[name]), reverse=term.startswith("-"))
    return result


def sort_key(value: Any) -> tuple[bool, Any]:
    """Nulls first, as PostgreSQL orders them descending last."""
    return (value is not None, "" if value is None else value)


def chosen_keys(body: dict[str, Any], bodies: list[dict[str, Any]]) -> set[str]:
    """The job keys a bulk DELETE names by their pks; unknown pks are ignored, as InvenTree does."""
    items, filters = body.get("items"), body.get("filters")
    if items is None and filters is None:
        raise Invalid(general=["List of items or filters must be provided."])
    if filters is not None:
        raise Invalid.field("filters", "Unknown filters: the task lists have no filters.")
    if not isinstance(items, list) or not items:
        raise Invalid.field("items", "Expected a non-empty list of ids.")
    wanted = {str(item) for item in items if isinstance(item, int | str)}
    if len(wanted) != len(items):
        raise Invalid.field("items", "Every item must be an id.")
    key_of = {str(found["pk"]): found.get("task_id", found["pk"]) for found in bodies}
    return {str(key_of[item]) for item in wanted if item in key_of}


async def delete_tasks(
    queue: TaskQueue, kind: TaskKind, body: dict[str, Any], account: str, default: str
) -> int:
    bodies = await (pending_list if kind == "pending" else failed_list)(queue, account, default)
    return await queue.remove(kind, chosen_keys(body, bodies))


async def overview(queue: TaskQueue, account: str, default: str) -> dict[str, Any]:
    figures = await queue.figures()
    return {
        "is_running": figures.workers > 0,
        "pending_tasks": len(await tasks_of(queue, "pending", account, default)),
        "scheduled_tasks": len(await queue.schedules()),
        "failed_tasks": len(await tasks_of(queue, "failed", account, default)),
    }
