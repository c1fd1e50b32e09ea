"""GET /api/stock/track/ and /api/stock/track/{id}/ with `item_detail=true` (the item in
StockItemSerializerBrief's form) and `user_detail=true` (the user who made the entry); absent
unless asked for."""

from __future__ import annotations

import uuid
from typing import Any

from tests.stock.conftest import Stock


async def removal_entry(stock: Stock) -> tuple[dict[str, Any], dict[str, Any]]:
    suffix = uuid.uuid4().hex[:8]
    part = await stock.part(name=f"Tracked {suffix}", IPN=f"TW-{suffix}")
    item = await stock.item(5, part=part["pk"], batch="TB-1")
    item["part_name"] = f"{part['IPN']} | {part['name']}"
    response = await stock.admin.post(
        "/api/stock/remove/", json={"items": [{"pk": item["pk"], "quantity": 2}]}
    )
    assert response.status_code == 201, response.text
    entries = await stock.history(item)
    return item, entries[-1]


async def test_item_detail_is_the_items_brief_form(stock: Stock) -> None:
    item, entry = await removal_entry(stock)
    found = (await stock.admin.get(f"/api/stock/track/{entry['pk']}/?item_detail=true")).json()
    assert found["item_detail"] == {
        "part": item["part"],
        "part_name": item["part_name"],
        "pk": item["pk"],
        "location": None,
        "quantity": 3,
        "serial": None,
        "batch": "TB-1",
        "supplier_part": None,
        "barcode_hash": "",
    }


async def test_user_detail_is_the_user_who_moved_the_stock(stock: Stock) -> None:
    item, _ = await removal_entry(stock)
    me = (await stock.admin.get("/api/user/me/")).json()
    response = await stock.admin.get(
        f"/api/stock/track/?item={item['pk']}&user_detail=true&ordering=date"
    )
    details = [row["user_detail"] for row in response.json()]
    assert details[-1] == {
        "pk": me["pk"],
        "username": me["username"],
        "first_name": me["first_name"],
        "last_name": me["last_name"],
        "email": me["email"],
    }
    # The creation through /api/stock/ records no user: null, as for a user that is gone.
    assert details[0] is None


async def test_details_are_absent_unless_asked_for(stock: Stock) -> None:
    item, entry = await removal_entry(stock)
    plain = (await stock.admin.get(f"/api/stock/track/{entry['pk']}/")).json()
    refused = (await stock.admin.get(f"/api/stock/track/?item={item['pk']}&item_detail=no")).json()
    assert not {"item_detail", "user_detail"} & set(plain)
    assert all("item_detail" not in row for row in refused)


async def test_a_detail_flag_that_is_not_a_boolean_is_a_400(stock: Stock) -> None:
    response = await stock.admin.get("/api/stock/track/?user_detail=who")
    assert response.status_code == 400
    assert list(response.json()) == ["user_detail"]
