"""Parallel movements on the same items never lose an update and never go below zero, and the
history adds up to the quantity: row locks on PostgreSQL, the writer lock on SQLite."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.stock.conftest import Stock


async def post(stock: Stock, name: str, body: dict[str, Any]) -> int:
    response = await stock.admin.post(f"/api/stock/{name}/", json=body)
    assert response.status_code in (201, 400), response.text
    return response.status_code


async def test_fifty_parallel_removes_stop_at_zero(stock: Stock) -> None:
    item = await stock.item(40)
    body = {"items": [{"pk": item["pk"], "quantity": 1}]}
    answers = await asyncio.gather(*(post(stock, "remove", body) for _ in range(50)))
    assert (answers.count(201), answers.count(400)) == (40, 10)
    assert (await stock.read(item))["quantity"] == 0
    removed = [entry["deltas"].get("removed", 0) for entry in await stock.history(item)]
    assert sum(removed) == 40


async def test_parallel_transfers_adds_and_counts_keep_every_unit(stock: Stock) -> None:
    place = await stock.location()
    item = await stock.item(30)
    transfer = {"items": [{"pk": item["pk"], "quantity": 1}], "location": place["pk"]}
    add = {"items": [{"pk": item["pk"], "quantity": 1}]}
    work = [post(stock, "transfer", transfer) for _ in range(25)]
    work += [post(stock, "add", add) for _ in range(25)]
    answers = await asyncio.gather(*work)
    assert answers.count(201) == 50
    left = (await stock.read(item))["quantity"]
    moved = (await stock.admin.get(f"/api/stock/?location={place['pk']}")).json()
    assert left == 30 + 25 - 25
    assert sum(row["quantity"] for row in moved) == 25
    # Every movement of the item is in its history: its quantity after the last one is the item's.
    history = await stock.history(item)
    assert len(history) == 1 + 50
    assert max(history, key=lambda entry: entry["pk"])["deltas"]["quantity"] == left


async def test_parallel_counts_end_at_one_of_the_counts(stock: Stock) -> None:
    item = await stock.item(5)
    bodies = [{"items": [{"pk": item["pk"], "quantity": count}]} for count in range(20)]
    answers = await asyncio.gather(*(post(stock, "count", body) for body in bodies))
    assert answers.count(201) == 20
    history = await stock.history(item)
    last = max(history, key=lambda entry: entry["pk"])
    assert (await stock.read(item))["quantity"] == last["deltas"]["quantity"]
