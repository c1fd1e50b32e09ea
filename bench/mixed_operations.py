"""The operations of bench/load_mixed.py: what each client may touch, and the weighted mixture
of list, detail, create, update and delete on parts, categories and stock items it runs.

Each client updates and deletes only what it created, so that no answer depends on another
client's timing; reads draw from everyone's seed and the client's own creations.
"""

from __future__ import annotations

import random
import secrets
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

SEED_PARTS = 300


@dataclass
class Pools:
    """Ids a client may read (everyone's seed) and may change (its own creations)."""

    categories: list[int]
    parts: list[int]
    stock: list[int]
    own_categories: list[int] = field(default_factory=list)
    own_parts: list[int] = field(default_factory=list)
    own_stock: list[int] = field(default_factory=list)


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    examples: list[str] = field(default_factory=list)


class Client:
    def __init__(self, http: httpx.AsyncClient, pools: Pools, tally: Tally, rng: random.Random):
        self.http, self.pools, self.tally, self.rng = http, pools, tally, rng
        self.serial = 0

    async def call(self, operation: str, method: str, path: str, expected: int, **kw: Any) -> Any:
        started = time.perf_counter()
        try:
            response = await self.http.request(method, path, **kw)
        except httpx.HTTPError as error:
            self.fail(operation, f"{method} {path}: {type(error).__name__} {error}")
            return None
        if response.status_code != expected:
            self.fail(operation, f"{method} {path}: {response.status_code} {response.text[:200]}")
            return None
        # Only answers as expected are timed: a failure is counted once, as an error.
        self.tally.latencies[operation].append(time.perf_counter() - started)
        return response.json() if response.content else None

    def fail(self, operation: str, example: str) -> None:
        self.tally.errors[operation] += 1
        if len(self.tally.examples) < 20:
            self.tally.examples.append(example)

    def name(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}-{secrets.token_hex(3)}-{self.serial}"

    def pick(self, *pools: list[int]) -> int:
        return self.rng.choice([pk for pool in pools for pk in pool])

    # Reads.
    async def list_parts(self) -> None:
        offset = self.rng.randrange(0, SEED_PARTS, 25)
        await self.call("list parts", "GET", f"/api/part/?limit=25&offset={offset}", 200)

    async def part_detail(self) -> None:
        pk = self.pick(self.pools.parts, self.pools.own_parts)
        await self.call("part detail", "GET", f"/api/part/{pk}/", 200)

    async def list_categories(self) -> None:
        await self.call("list categories", "GET", "/api/part/category/?limit=25", 200)

    async def category_detail(self) -> None:
        pk = self.pick(self.pools.categories, self.pools.own_categories)
        await self.call("category detail", "GET", f"/api/part/category/{pk}/", 200)

    async def list_stock(self) -> None:
        part = self.pick(self.pools.parts)
        await self.call("list stock", "GET", f"/api/stock/?limit=25&part={part}", 200)

    async def stock_detail(self) -> None:
        pk = self.pick(self.pools.stock, self.pools.own_stock)
        await self.call("stock detail", "GET", f"/api/stock/{pk}/", 200)

    # Writes: each client changes only what it created.
    async def create_part(self) -> None:
        body = {"name": self.name("part"), "category": self.pick(self.pools.categories)}
        created = await self.call("create part", "POST", "/api/part/", 201, json=body)
        if created:
            self.pools.own_parts.append(created["pk"])

    async def update_part(self) -> None:
        if not self.pools.own_parts:
            return await self.create_part()
        pk = self.rng.choice(self.pools.own_parts)
        body = {"description": self.name("described")}
        await self.call("update part", "PATCH", f"/api/part/{pk}/", 200, json=body)
        return None

    async def delete_part(self) -> None:
        if not self.pools.own_parts:
            return await self.create_part()
        pk = self.pools.own_parts.pop(self.rng.randrange(len(self.pools.own_parts)))
        # InvenTree deletes only an inactive part: a client deactivates it first.
        body = {"active": False}
        if await self.call("deactivate part", "PATCH", f"/api/part/{pk}/", 200, json=body):
            await self.call("delete part", "DELETE", f"/api/part/{pk}/", 204)
        return None

    async def create_category(self) -> None:
        body = {"name": self.name("category"), "parent": self.pick(self.pools.categories)}
        created = await self.call("create category", "POST", "/api/part/category/", 201, json=body)
        if created:
            self.pools.own_categories.append(created["pk"])

    async def update_category(self) -> None:
        if not self.pools.own_categories:
            return await self.create_category()
        pk = self.rng.choice(self.pools.own_categories)
        body = {"name": self.name("renamed")}
        await self.call("update category", "PATCH", f"/api/part/category/{pk}/", 200, json=body)
        return None

    async def delete_category(self) -> None:
        if not self.pools.own_categories:
            return await self.create_category()
        own = self.pools.own_categories
        pk = own.pop(self.rng.randrange(len(own)))
        await self.call("delete category", "DELETE", f"/api/part/category/{pk}/", 204)
        return None

    async def create_stock(self) -> None:
        body = {"part": self.pick(self.pools.parts), "quantity": self.rng.randint(1, 100)}
        created = await self.call("create stock", "POST", "/api/stock/", 201, json=body)
        if created:
            self.pools.own_stock.append(created["pk"])

    async def update_stock(self) -> None:
        if not self.pools.own_stock:
            return await self.create_stock()
        pk = self.rng.choice(self.pools.own_stock)
        body = {"quantity": self.rng.randint(1, 100), "notes": self.name("counted")}
        await self.call("update stock", "PATCH", f"/api/stock/{pk}/", 200, json=body)
        return None

    async def delete_stock(self) -> None:
        if not self.pools.own_stock:
            return await self.create_stock()
        pk = self.pools.own_stock.pop(self.rng.randrange(len(self.pools.own_stock)))
        await self.call("delete stock", "DELETE", f"/api/stock/{pk}/", 204)
        return None

    def mixture(self) -> list[tuple[Callable[[], Awaitable[None]], int]]:
        """Operations and their weights: mostly reads, a quarter writes."""
        return [
            (self.list_parts, 16),
            (self.part_detail, 14),
            (self.list_categories, 8),
            (self.category_detail, 6),
            (self.list_stock, 14),
            (self.stock_detail, 12),
            (self.create_part, 5),
            (self.update_part, 5),
            (self.delete_part, 2),
            (self.create_category, 3),
            (self.update_category, 2),
            (self.delete_category, 1),
            (self.create_stock, 5),
            (self.update_stock, 4),
            (self.delete_stock, 3),
        ]

    async def run(self, until: float) -> None:
        operations, weights = zip(*self.mixture(), strict=True)
        while time.monotonic() < until:
            operation = self.rng.choices(operations, weights)[0]
            await operation()
