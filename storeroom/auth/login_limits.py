"""Rate limiting of failed logins (the `limits` library), per (username, client address) and, with
a higher limit, per client address: guessing one user's password from one address is stopped
after `login_attempts_per_minute` failures, without locking everyone else at that address (or
behind the same proxy) out; trying many usernames from one address is stopped after
ADDRESS_MULTIPLE times as many.

Each attempt is reserved before its password is checked (an atomic increment of the window's
counter) and handed back when the password was right, so that concurrent attempts can never check
more passwords than the limit allows, and successful logins never count.

The storage is a setting: the process's memory by default, or Redis to share the windows between
workers.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import coredis
from limits import RateLimitItem, RateLimitItemPerMinute
from limits.aio.storage import Storage
from limits.aio.strategies import FixedWindowRateLimiter
from limits.storage import storage_from_string

from storeroom.errors import RateLimited

# An address may fail this many times the per-user limit, over all usernames.
ADDRESS_MULTIPLE = 10
TOO_MANY = "Too many failed logins; try again later."
# Served by `limits`' asynchronous Redis storage, through coredis (limits[async-redis]).
REDIS_SCHEMES = ("redis://", "rediss://")


@dataclass(slots=True)
class Attempt:
    """A reserved login attempt: set `failed` when the password was wrong, so that it counts."""

    failed: bool = False


class LoginLimiter:
    def __init__(self, failures_per_minute: int, storage_url: str = "memory://") -> None:
        per_user = max(1, failures_per_minute)
        self.per_user = RateLimitItemPerMinute(per_user)
        self.per_address = RateLimitItemPerMinute(per_user * ADDRESS_MULTIPLE)
        options: dict[str, Any] = {}
        self._pool: coredis.ConnectionPool | None = None
        if storage_url.startswith(REDIS_SCHEMES):
            # Our own pool, so that close() can let its connections go.
            self._pool = options["connection_pool"] = coredis.ConnectionPool.from_url(storage_url)
        storage = storage_from_string(f"async+{storage_url}", **options)
        if not isinstance(storage, Storage):
            raise TypeError(f"{storage_url} is not an asynchronous rate limit storage")
        self.storage = storage
        self.limiter = FixedWindowRateLimiter(storage)

    def _limits(self, username: str, client: str) -> tuple[tuple[RateLimitItem, str], ...]:
        return (
            (self.per_user, f"user:{username.lower()}|client:{client}"),
            (self.per_address, f"client:{client}"),
        )

    @asynccontextmanager
    async def attempt(self, username: str, client: str) -> AsyncIterator[Attempt]:
        """Reserve an attempt (RateLimited when either limit is used up); it is handed back on
        leaving unless it `failed`."""
        limits = self._limits(username, client)
        taken: list[tuple[RateLimitItem, str]] = []
        for item, subject in limits:
            taken.append((item, subject))
            if not await self.limiter.hit(item, subject):
                await self._hand_back(taken)
                stats = await self.limiter.get_window_stats(item, subject)
                retry = max(1, int(stats.reset_time - time.time()))
                raise RateLimited(TOO_MANY, retry_after=retry)
        attempt = Attempt()
        try:
            yield attempt
        finally:
            if not attempt.failed:
                await self._hand_back(taken)

    async def close(self) -> None:
        if self._pool is not None:
            self._pool.disconnect()

    async def _hand_back(self, taken: list[tuple[RateLimitItem, str]]) -> None:
        for item, subject in taken:
            await self.storage.incr(item.key_for(subject), item.get_expiry(), amount=-1)
