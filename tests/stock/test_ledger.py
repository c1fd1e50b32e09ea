"""The ledger service (storeroom/stock/ledger.py) that orders and builds call in their own
transactions: each movement changes the rows it should, writes its tracking entry and refuses
what InvenTree refuses. Read back through the API."""

from __future__ import annotations

import pytest

from storeroom.errors import Invalid
from storeroom.stock import codes, ledger
from tests.stock.conftest import Stock

USER = 1


async def test_create_items_writes_items_and_their_created_entries(stock: Stock) -> None:
    part, place = await stock.part(), await stock.location()
    async with stock.transaction() as connection:
        ids = await ledger.create_items(
            connection,
            [
                {"part": part["pk"], "quantity": 2.5, "location": place["pk"]},
                {"part": part["pk"], "quantity": 1},
            ],
            user_id=USER,
            notes="received",
            deltas={"purchaseorder": 7},
        )
    first = await stock.read(ids[0])
    assert (first["quantity"], first["location"], first["status"]) == (2.5, place["pk"], 10)
    [entry] = await stock.history(ids[0])
    assert (entry["tracking_type"], entry["notes"], entry["user"]) == (
        codes.CREATED,
        "received",
        USER,
    )
    assert entry["deltas"] == {
        "status": 10,
        "quantity": 2.5,
        "location": place["pk"],
        "purchaseorder": 7,
    }
    assert (await stock.history(ids[1]))[0]["deltas"] == {
        "status": 10,
        "quantity": 1.0,
        "purchaseorder": 7,
    }


async def test_remove_quantity_takes_stock_and_records_it(stock: Stock) -> None:
    item = await stock.item(10)
    async with stock.transaction() as connection:
        remaining = await ledger.remove_quantity(
            connection, item["pk"], 3, user_id=USER, notes="used"
        )
    assert remaining == 7
    assert (await stock.read(item))["quantity"] == 7
    entry = (await stock.history(item))[-1]
    assert (entry["tracking_type"], entry["deltas"]) == (
        codes.STOCK_REMOVE,
        {"removed": 3.0, "quantity": 7.0},
    )


async def test_remove_quantity_refuses_more_than_the_item_holds(stock: Stock) -> None:
    item = await stock.item(2)
    with pytest.raises(Invalid) as refused:
        async with stock.transaction() as connection:
            await ledger.remove_quantity(connection, item["pk"], 3, user_id=USER)
    assert refused.value.fields == {
        "quantity": ["Quantity must not exceed available stock quantity (2)"]
    }
    assert (await stock.read(item))["quantity"] == 2


async def test_remove_quantity_refuses_a_quantity_that_is_not_positive(stock: Stock) -> None:
    item = await stock.item(2)
    with pytest.raises(Invalid) as refused:
        async with stock.transaction() as connection:
            await ledger.remove_quantity(connection, item["pk"], 0, user_id=USER)
    assert refused.value.fields == {"quantity": ["Quantity must be greater than zero"]}


async def test_an_item_depleted_to_zero_is_deleted_where_it_says_so(stock: Stock) -> None:
    deleted, kept = await stock.item(2, delete_on_deplete=True), await stock.item(2)
    async with stock.transaction() as connection:
        for item in (deleted, kept):
            await ledger.remove_quantity(connection, item["pk"], 2, user_id=USER)
    assert (await stock.admin.get(f"/api/stock/{deleted['pk']}/")).status_code == 404
    assert (await stock.read(kept))["quantity"] == 0


async def test_quantities_are_exact_decimals(stock: Stock) -> None:
    item = await stock.item(0.1)
    async with stock.transaction() as connection:
        total = await ledger.add_quantity(connection, item["pk"], 0.2, user_id=USER)
    assert str(total) == "0.30000"
    assert (await stock.read(item))["quantity"] == 0.3


async def test_count_quantity_sets_the_quantity_and_the_stocktake_date(stock: Stock) -> None:
    item = await stock.item(5)
    async with stock.transaction() as connection:
        await ledger.count_quantity(connection, item["pk"], 8, user_id=USER)
    read = await stock.read(item)
    assert read["quantity"] == 8
    assert read["stocktake_date"] is not None
    entry = (await stock.history(item))[-1]
    assert (entry["tracking_type"], entry["deltas"]) == (codes.STOCK_COUNT, {"quantity": 8.0})


async def test_split_item_makes_a_child_with_the_parents_history(stock: Stock) -> None:
    place = await stock.location()
    part = await stock.part()
    async with stock.transaction() as connection:
        [pk] = await ledger.create_items(
            connection, [{"part": part["pk"], "quantity": 10, "batch": "B-1"}], user_id=USER
        )
    item = await stock.read(pk)
    async with stock.transaction() as connection:
        child = await ledger.split_item(
            connection, item["pk"], 4, user_id=USER, location=place["pk"]
        )
    parent_read, child_read = await stock.read(item), await stock.read(child)
    assert (parent_read["quantity"], child_read["quantity"]) == (6, 4)
    assert (child_read["parent"], child_read["location"], child_read["batch"]) == (
        item["pk"],
        place["pk"],
        "B-1",
    )
    child_codes = [entry["tracking_type"] for entry in await stock.history(child)]
    assert child_codes == [codes.CREATED, codes.SPLIT_FROM_PARENT]
    parent_codes = [entry["tracking_type"] for entry in await stock.history(item)]
    assert parent_codes == [codes.CREATED, codes.SPLIT_CHILD_ITEM]


async def test_split_item_of_all_of_it_returns_the_item(stock: Stock) -> None:
    item = await stock.item(3)
    async with stock.transaction() as connection:
        assert await ledger.split_item(connection, item["pk"], 3, user_id=USER) == item["pk"]


async def test_move_items_moves_whole_items_and_splits_partial_ones(stock: Stock) -> None:
    place = await stock.location()
    whole, partial = await stock.item(5), await stock.item(5)
    async with stock.transaction() as connection:
        moved = await ledger.move_items(
            connection, [(whole["pk"], None), (partial["pk"], 2)], place["pk"], user_id=USER
        )
    assert moved[0] == whole["pk"]
    assert moved[1] != partial["pk"]
    assert (await stock.read(whole))["location"] == place["pk"]
    assert ((await stock.read(partial))["location"], (await stock.read(partial))["quantity"]) == (
        None,
        3,
    )
    split = await stock.read(moved[1])
    assert (split["location"], split["quantity"]) == (place["pk"], 2)
    entry = (await stock.history(whole))[-1]
    assert (entry["tracking_type"], entry["deltas"]) == (
        codes.STOCK_MOVE,
        {"location": place["pk"]},
    )


async def test_assign_and_return_from_a_customer(stock: Stock) -> None:
    customer, place = await stock.customer(), await stock.location()
    item = await stock.item(4, location=place["pk"])
    async with stock.transaction() as connection:
        sent = await ledger.assign_to_customer(
            connection, item["pk"], customer["pk"], user_id=USER, quantity=1
        )
    assert sent != item["pk"]
    sent_read = await stock.read(sent)
    assert (sent_read["customer"], sent_read["location"], sent_read["quantity"]) == (
        customer["pk"],
        None,
        1,
    )
    async with stock.transaction() as connection:
        await ledger.return_from_customer(connection, sent, place["pk"], user_id=USER)
    back = await stock.read(sent)
    assert (back["customer"], back["location"]) == (None, place["pk"])
    assert [e["tracking_type"] for e in await stock.history(sent)][-2:] == [
        codes.SENT_TO_CUSTOMER,
        codes.RETURNED_FROM_CUSTOMER,
    ]
