"""POST /api/stock/add|remove|count|transfer|assign|merge|change_status/: each movement changes
the items, writes its history and refuses what InvenTree refuses, changing nothing then."""

from __future__ import annotations

from typing import Any

from storeroom.stock import codes
from tests.stock.conftest import Stock


async def post(stock: Stock, name: str, body: dict[str, Any]) -> Any:
    return await stock.admin.post(f"/api/stock/{name}/", json=body)


async def test_add_adds_to_each_item_and_records_it(stock: Stock) -> None:
    first, second = await stock.item(1), await stock.item(2)
    body = {
        "items": [{"pk": first["pk"], "quantity": "2.5"}, {"pk": second["pk"], "quantity": 1}],
        "notes": "found",
    }
    response = await post(stock, "add", body)
    assert response.status_code == 201, response.text
    assert [(await stock.read(item))["quantity"] for item in (first, second)] == [3.5, 3]
    entry = (await stock.history(first))[-1]
    assert (entry["tracking_type"], entry["deltas"], entry["notes"]) == (
        codes.STOCK_ADD,
        {"added": 2.5, "quantity": 3.5},
        "found",
    )


async def test_remove_takes_from_the_item(stock: Stock) -> None:
    item = await stock.item(5)
    response = await post(stock, "remove", {"items": [{"pk": item["pk"], "quantity": 2}]})
    assert response.status_code == 201, response.text
    assert (await stock.read(item))["quantity"] == 3
    assert (await stock.history(item))[-1]["deltas"] == {"removed": 2.0, "quantity": 3.0}


async def test_remove_past_zero_is_refused_and_changes_nothing(stock: Stock) -> None:
    first, second = await stock.item(5), await stock.item(1)
    body = {"items": [{"pk": first["pk"], "quantity": 2}, {"pk": second["pk"], "quantity": 2}]}
    response = await post(stock, "remove", body)
    assert (response.status_code, response.json()) == (
        400,
        {"items": ["Quantity must not exceed available stock quantity (1)"]},
    )
    assert [(await stock.read(item))["quantity"] for item in (first, second)] == [5, 1]
    assert [entry["tracking_type"] for entry in await stock.history(first)] == [codes.CREATED]


async def test_a_movement_needs_items(stock: Stock) -> None:
    response = await post(stock, "add", {"items": []})
    assert (response.status_code, response.json()) == (
        400,
        {"items": ["A list of stock items must be provided"]},
    )


async def test_a_movement_refuses_a_quantity_that_is_not_positive(stock: Stock) -> None:
    item = await stock.item(5)
    response = await post(stock, "add", {"items": [{"pk": item["pk"], "quantity": -1}]})
    assert (response.status_code, response.json()) == (
        400,
        {"items": ["Quantity must be greater than zero"]},
    )


async def test_a_movement_refuses_an_unknown_item(stock: Stock) -> None:
    response = await post(stock, "add", {"items": [{"pk": 999999, "quantity": 1}]})
    assert (response.status_code, response.json()) == (
        400,
        {"items": ['Invalid pk "999999" - object does not exist.']},
    )


async def test_a_movement_refuses_an_entry_without_quantity(stock: Stock) -> None:
    item = await stock.item(5)
    response = await post(stock, "remove", {"items": [{"pk": item["pk"]}]})
    assert (response.status_code, response.json()) == (
        400,
        {"items": ["quantity: This field is required."]},
    )


async def test_count_sets_the_quantity(stock: Stock) -> None:
    item = await stock.item(5)
    response = await post(stock, "count", {"items": [{"pk": item["pk"], "quantity": 0}]})
    assert response.status_code == 201, response.text
    read = await stock.read(item)
    assert (read["quantity"], read["stocktake_date"] is not None) == (0, True)
    assert (await stock.history(item))[-1]["tracking_type"] == codes.STOCK_COUNT


async def test_count_may_set_the_status_batch_and_packaging(stock: Stock) -> None:
    item = await stock.item(5)
    entry = {"pk": item["pk"], "quantity": 4, "status": 55, "batch": "B9", "packaging": "reel"}
    assert (await post(stock, "count", {"items": [entry]})).status_code == 201
    read = await stock.read(item)
    assert (read["status"], read["batch"], read["packaging"]) == (55, "B9", "reel")


async def test_transfer_moves_whole_items_and_splits_partial_ones(stock: Stock) -> None:
    place = await stock.location()
    whole, partial = await stock.item(3), await stock.item(10)
    body = {
        "items": [{"pk": whole["pk"], "quantity": 3}, {"pk": partial["pk"], "quantity": 4}],
        "location": place["pk"],
        "notes": "moved",
    }
    response = await post(stock, "transfer", body)
    assert response.status_code == 201, response.text
    assert (await stock.read(whole))["location"] == place["pk"]
    left = await stock.read(partial)
    assert (left["quantity"], left["location"]) == (6, None)
    listed = (await stock.admin.get(f"/api/stock/?location={place['pk']}")).json()
    moved = sorted((row["pk"], row["quantity"]) for row in listed)
    assert moved[0] == (whole["pk"], 3)
    assert moved[1][1] == 4
    assert moved[1][0] not in (whole["pk"], partial["pk"])


async def test_transfer_refuses_a_structural_location(stock: Stock) -> None:
    place = await stock.location(structural=True)
    item = await stock.item(3)
    body = {"items": [{"pk": item["pk"], "quantity": 3}], "location": place["pk"]}
    response = await post(stock, "transfer", body)
    assert (response.status_code, response.json()) == (
        400,
        {"location": ["Stock items cannot be located into structural stock locations!"]},
    )
    assert (await stock.read(item))["location"] is None


async def test_transfer_refuses_an_item_not_in_stock(stock: Stock) -> None:
    place = await stock.location()
    item = await stock.item(3, status=60)
    body = {"items": [{"pk": item["pk"], "quantity": 3}], "location": place["pk"]}
    response = await post(stock, "transfer", body)
    assert (response.status_code, response.json()) == (
        400,
        {"items": ["StockItem cannot be moved as it is not in stock"]},
    )


async def test_assign_sends_items_to_a_customer(stock: Stock) -> None:
    customer, place = await stock.customer(), await stock.location()
    item = await stock.item(2, location=place["pk"])
    body = {"items": [{"item": item["pk"]}], "customer": customer["pk"]}
    assert (await post(stock, "assign", body)).status_code == 201
    read = await stock.read(item)
    assert (read["customer"], read["location"]) == (customer["pk"], None)
    entry = (await stock.history(item))[-1]
    assert (entry["tracking_type"], entry["deltas"]) == (
        codes.SENT_TO_CUSTOMER,
        {"customer": customer["pk"]},
    )


async def test_assign_refuses_a_company_that_is_not_a_customer(stock: Stock) -> None:
    company = await stock.customer()
    await stock.admin.patch(f"/api/company/{company['pk']}/", json={"is_customer": False})
    item = await stock.item(2)
    body = {"items": [{"item": item["pk"]}], "customer": company["pk"]}
    response = await post(stock, "assign", body)
    assert (response.status_code, response.json()) == (
        400,
        {"customer": ["Selected company is not a customer"]},
    )


async def test_change_status_changes_only_items_in_another_status(stock: Stock) -> None:
    ok, damaged = await stock.item(1), await stock.item(1, status=55)
    body = {"items": [ok["pk"], damaged["pk"]], "status": 55, "note": "dropped"}
    assert (await post(stock, "change_status", body)).status_code == 201
    assert (await stock.read(ok))["status"] == 55
    assert [(e["tracking_type"], e["deltas"]) for e in await stock.history(ok)][1:] == [
        (codes.STOCK_UPDATE, {"status": 55})
    ]
    assert [e["tracking_type"] for e in await stock.history(damaged)] == [codes.CREATED]


async def test_change_status_refuses_an_unknown_status(stock: Stock) -> None:
    item = await stock.item(1)
    response = await post(stock, "change_status", {"items": [item["pk"]], "status": 3})
    assert (response.status_code, response.json()) == (
        400,
        {"status": ['"3" is not a valid choice.']},
    )


async def test_merge_adds_the_items_into_the_first(stock: Stock) -> None:
    part, place = await stock.part(), await stock.location()
    first, second = await stock.item(2, part=part["pk"]), await stock.item(3, part=part["pk"])
    body = {"items": [{"item": first["pk"]}, {"item": second["pk"]}], "location": place["pk"]}
    response = await post(stock, "merge", body)
    assert response.status_code == 201, response.text
    read = await stock.read(first)
    assert (read["quantity"], read["location"]) == (5, place["pk"])
    assert (await stock.admin.get(f"/api/stock/{second['pk']}/")).status_code == 404
    assert (await stock.history(first))[-1]["tracking_type"] == codes.MERGED_STOCK_ITEMS


async def test_merge_refuses_items_of_different_parts(stock: Stock) -> None:
    place = await stock.location()
    first, second = await stock.item(2), await stock.item(3)
    body = {"items": [{"item": first["pk"]}, {"item": second["pk"]}], "location": place["pk"]}
    response = await post(stock, "merge", body)
    assert (response.status_code, response.json()) == (
        400,
        {"items": ["Stock item part must match"]},
    )
    assert (await stock.read(second))["quantity"] == 3


async def test_merge_refuses_mismatched_status_unless_allowed(stock: Stock) -> None:
    part, place = await stock.part(), await stock.location()
    first = await stock.item(2, part=part["pk"])
    second = await stock.item(3, part=part["pk"], status=50)
    body: dict[str, Any] = {
        "items": [{"item": first["pk"]}, {"item": second["pk"]}],
        "location": place["pk"],
    }
    refused = await post(stock, "merge", body)
    assert refused.json() == {"items": ["Stock item status codes must match"]}
    assert (
        await post(stock, "merge", {**body, "allow_mismatched_status": True})
    ).status_code == 201


async def test_movements_need_the_stock_change_permission(stock: Stock) -> None:
    item = await stock.item(1)
    response = await stock.clients["stranger"].post(
        "/api/stock/add/", json={"items": [{"pk": item["pk"], "quantity": 1}]}
    )
    # Another tenant's item does not exist there.
    assert response.status_code == 400
    assert (await stock.read(item))["quantity"] == 1
