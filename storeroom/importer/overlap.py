"""Chunks that overlap on PostgreSQL: the next chunk's transaction starts while the one before it
finishes, so the database works on one chunk while Python converts the next. At most two are in
flight; each commits on its own (in order of starting where both touch the session's row).

SQLite has one writer, and a transaction waiting for it sleeps in steps of up to 100 ms: there
each chunk simply runs to its end before the next starts."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from types import TracebackType
from typing import Any


class Overlap:
    def __init__(self, side_by_side: bool) -> None:
        self.side_by_side = side_by_side
        self.pending: asyncio.Task[Any] | None = None

    async def submit(self, work: Coroutine[Any, Any, Any]) -> Any:
        """Start `work`, then wait for the one started before it; answers that one's result."""
        if not self.side_by_side:
            return await work
        task = asyncio.create_task(work)
        previous, self.pending = self.pending, task
        return None if previous is None else await previous

    async def drain(self) -> Any:
        """Wait for the last one started; answers its result."""
        previous, self.pending = self.pending, None
        return None if previous is None else await previous

    async def __aenter__(self) -> Overlap:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        # On the way out of an error, the chunk in flight still ends (its own transaction
        # commits or rolls back) without hiding the error; a cancelled caller cancels it.
        if error is None:
            await self.drain()
            return
        if self.pending is None:
            return
        if isinstance(error, asyncio.CancelledError):
            self.pending.cancel()
        await asyncio.gather(self.pending, return_exceptions=True)
        self.pending = None
