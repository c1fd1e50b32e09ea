"""The current date and time, in UTC: the defaults of creation dates, and the `updated` stamp
that InvenTree's `auto_now` fields get on every write."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any


def today() -> date:
    return datetime.now(UTC).date()


def now() -> datetime:
    return datetime.now(UTC)


def stamp(column: str) -> Callable[[Any, dict[str, Any]], Awaitable[None]]:
    """A before-write hook setting `column` to now on every create and update."""

    async def before_write(connection: Any, values: dict[str, Any]) -> None:
        values[column] = now()

    return before_write
