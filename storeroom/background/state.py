"""Where a request finds the application's queue."""

from __future__ import annotations

from typing import Any

from litestar import Request

from storeroom.background.queue import TaskQueue


def queue_of(request: Request[Any, Any, Any]) -> TaskQueue:
    queue: TaskQueue = request.app.state.background_queue
    return queue
