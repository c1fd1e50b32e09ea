"""A stock item's computed fields, by SQL: child_items, allocated, expired and stale."""

from __future__ import annotations

from tests.stock.conftest import Stock


async def test_an_item_counts_the_items_split_from_it(stock: Stock) -> None:
    place = await stock.location()
    item = await stock.item(10)
    body = {"items": [{"pk": item["pk"], "quantity": 2}], "location": place["pk"]}
    for _ in range(2):
        assert (await stock.admin.post("/api/stock/transfer/", json=body)).status_code == 201
    read = await stock.read(item)
    assert (read["child_items"], read["quantity"], read["allocated"]) == (2, 6, 0)


async def test_an_item_in_stock_past_its_expiry_date_is_expired_and_stale(stock: Stock) -> None:
    past = await stock.read(await stock.item(1, expiry_date="2020-01-01"))
    future = await stock.read(await stock.item(1, expiry_date="2999-01-01"))
    used_up = await stock.read(await stock.item(0, expiry_date="2020-01-01"))
    assert (past["expired"], past["stale"]) == (True, True)
    assert (future["expired"], future["stale"]) == (False, False)
    assert used_up["expired"] is False
