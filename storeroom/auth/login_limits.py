"""Rate limiting of failed logins, per username and per client address (the `limits` library).

The storage is a setting: the process's memory by default, or Redis to share the window between
workers.
"""

from __future__ import annotations

import time

from limits import RateLimitItemPerMinute
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from storeroom.errors import RateLimited


class LoginLimiter:
    def __init__(self, failures_per_minute: int, storage_url: str = "memory://") -> None:
        self.item = RateLimitItemPerMinute(max(1, failures_per_minute))
        storage = storage_from_string(f"async+{storage_url}")
        self.limiter = MovingWindowRateLimiter(storage)

    def _subjects(self, username: str, client: str) -> tuple[str, str]:
        return (f"user:{username.lower()}", f"client:{client}")

    async def check(self, username: str, client: str) -> None:
        for subject in self._subjects(username, client):
            if not await self.limiter.test(self.item, subject):
                stats = await self.limiter.get_window_stats(self.item, subject)
                retry = max(1, int(stats.reset_time - time.time()))
                raise RateLimited("Too many failed logins; try again later.", retry_after=retry)

    async def record_failure(self, username: str, client: str) -> None:
        for subject in self._subjects(username, client):
            await self.limiter.hit(self.item, subject)
