"""GET /api/stock/?ordering=: each field InvenTree orders the stock list by puts the items in
that order, ascending and descending (part__name and stock: tests/stock/test_stock_filters.py)."""

from __future__ import annotations

from typing import Any

import pytest

from storeroom.models.registry import BY_MODEL_TYPE
from tests.models.make import make
from tests.stock.conftest import Stock

SUPPLIER_PART, MANUFACTURER_PART = BY_MODEL_TYPE["supplierpart"], BY_MODEL_TYPE["manufacturerpart"]


async def ordered(stock: Stock, part: int, ordering: str) -> list[int]:
    response = await stock.admin.get(f"/api/stock/?part={part}&ordering={ordering}")
    assert response.status_code == 200, response.text
    return [row["pk"] for row in response.json()]


async def supplied(stock: Stock, part: dict[str, Any], sku: str, mpn: str) -> dict[str, Any]:
    company = await make(stock.admin, BY_MODEL_TYPE["company"], is_supplier=True)
    made = await make(stock.admin, MANUFACTURER_PART, part=part["pk"], MPN=mpn)
    return await make(
        stock.admin,
        SUPPLIER_PART,
        part=part["pk"],
        supplier=company["pk"],
        SKU=sku,
        manufacturer_part=made["pk"],
    )


@pytest.mark.parametrize(
    ("ordering", "values"),
    [
        ("expiry_date", [{"expiry_date": d} for d in ("2030-05-01", "2029-01-01", "2031-12-31")]),
        ("purchase_price", [{"purchase_price": p} for p in ("7.5", "0.25", "12")]),
        ("batch", [{"batch": b} for b in ("M-2", "A-9", "Z-1")]),
        ("quantity", [{"quantity": q} for q in (40, 2, 300)]),
        ("status", [{"status": s} for s in (55, 10, 65)]),
    ],
)
async def test_ordering_by_an_item_field(
    stock: Stock, ordering: str, values: list[dict[str, Any]]
) -> None:
    part = await stock.part()
    made = [await stock.item(**{"part": part["pk"], "quantity": 1, **value}) for value in values]
    # Each list is middle, smallest, largest: ascending is [1, 0, 2].
    expected = [made[1]["pk"], made[0]["pk"], made[2]["pk"]]
    assert await ordered(stock, part["pk"], ordering) == expected
    assert await ordered(stock, part["pk"], f"-{ordering}") == expected[::-1]


async def test_ordering_by_part_ipn(stock: Stock) -> None:
    template = await stock.part(is_template=True, IPN="ORD-M")
    low = await stock.part(variant_of=template["pk"], IPN="ORD-A")
    high = await stock.part(variant_of=template["pk"], IPN="ORD-Z")
    made = [await stock.item(part=part["pk"]) for part in (template, low, high)]
    expected = [made[1]["pk"], made[0]["pk"], made[2]["pk"]]
    assert await ordered(stock, template["pk"], "part__IPN") == expected
    assert await ordered(stock, template["pk"], "-part__IPN") == expected[::-1]


@pytest.mark.parametrize("ordering", ["SKU", "MPN"])
async def test_ordering_by_the_supplier_parts_numbers(stock: Stock, ordering: str) -> None:
    part = await stock.part(purchaseable=True)
    sources = [await supplied(stock, part, f"S-{c}", f"M-{c}") for c in ("m", "a", "z")]
    made = [await stock.item(part=part["pk"], supplier_part=s["pk"]) for s in sources]
    expected = [made[1]["pk"], made[0]["pk"], made[2]["pk"]]
    assert await ordered(stock, part["pk"], ordering) == expected
    assert await ordered(stock, part["pk"], f"-{ordering}") == expected[::-1]


async def test_descending_stocktake_date_reverses_the_ascending_order(stock: Stock) -> None:
    # Where an item never counted (null) sorts is the database's choice, as in InvenTree.
    part = await stock.part()
    counted, never = await stock.item(part=part["pk"]), await stock.item(part=part["pk"])
    response = await stock.admin.post(
        "/api/stock/count/", json={"items": [{"pk": counted["pk"], "quantity": 3}]}
    )
    assert response.status_code == 201, response.text
    found = await ordered(stock, part["pk"], "stocktake_date")
    reverse = await ordered(stock, part["pk"], "-stocktake_date")
    assert sorted(found) == sorted([counted["pk"], never["pk"]])
    assert reverse == found[::-1]
