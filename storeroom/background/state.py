"""Where a request finds the application's queue: start-up provides it to `Started` (app.py), a
handler's injected context hands it out."""

from __future__ import annotations

from storeroom.api.context import RequestContext
from storeroom.background.queue import TaskQueue


def queue_of(context: RequestContext) -> TaskQueue:
    # A protocol as the key: mypy refuses an abstract class where a concrete one is named.
    return context.service(TaskQueue)  # type: ignore[type-abstract]
