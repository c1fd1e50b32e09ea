"""POST /api/stock/ with `serial_numbers` (one item of quantity 1 per serial, answered as their
list) and `use_pack_size`, as InvenTree's StockList.create: success and each refusal."""

from __future__ import annotations

from typing import Any

from storeroom.models.registry import BY_MODEL_TYPE
from tests.models.make import make
from tests.stock.conftest import Stock


async def create(stock: Stock, **body: Any) -> Any:
    return await stock.admin.post("/api/stock/", json=body)


async def test_serial_numbers_make_one_item_each(stock: Stock) -> None:
    part = await stock.part(trackable=True)
    place = await stock.location()
    response = await create(
        stock, part=part["pk"], quantity=3, serial_numbers="1005,1006,1007", location=place["pk"]
    )
    assert response.status_code == 201, response.text
    made = response.json()
    assert [(item["serial"], item["quantity"]) for item in made] == [
        ("1005", 1),
        ("1006", 1),
        ("1007", 1),
    ]
    assert {item["location"] for item in made} == {place["pk"]}
    listed = (await stock.admin.get(f"/api/stock/?part={part['pk']}")).json()
    assert sorted(item["serial"] for item in listed) == ["1005", "1006", "1007"]


async def test_each_serialized_item_has_its_created_entry(stock: Stock) -> None:
    part = await stock.part(trackable=True)
    made = (await create(stock, part=part["pk"], quantity=2, serial_numbers="1-2")).json()
    for item in made:
        history = await stock.history(item["pk"])
        assert [entry["tracking_type"] for entry in history] == [1]
        assert history[0]["deltas"]["quantity"] == 1


async def test_serial_numbers_accept_ranges_and_the_next_free_one(stock: Stock) -> None:
    part = await stock.part(trackable=True)
    await create(stock, part=part["pk"], quantity=2, serial_numbers="10-11")
    made = (await create(stock, part=part["pk"], quantity=1, serial_numbers="~")).json()
    assert [item["serial"] for item in made] == ["12"]


async def test_serials_must_match_the_quantity(stock: Stock) -> None:
    part = await stock.part(trackable=True)
    response = await create(stock, part=part["pk"], quantity=3, serial_numbers="1,2")
    assert response.status_code == 400
    assert "serial_numbers" in response.json()
    assert (await stock.admin.get(f"/api/stock/?part={part['pk']}")).json() == []


async def test_serials_need_a_trackable_part(stock: Stock) -> None:
    part = await stock.part(trackable=False)
    response = await create(stock, part=part["pk"], quantity=1, serial_numbers="1")
    assert response.status_code == 400
    assert response.json() == {
        "serial_numbers": ["Serial numbers cannot be supplied for a non-trackable part"]
    }


async def test_serials_in_use_are_refused_and_named(stock: Stock) -> None:
    part = await stock.part(trackable=True)
    await create(stock, part=part["pk"], quantity=2, serial_numbers="1,2")
    response = await create(stock, part=part["pk"], quantity=3, serial_numbers="2,3,1")
    assert response.status_code == 400
    message = response.json()["serial_numbers"][0]
    assert "2" in message
    assert "1" in message
    assert len((await stock.admin.get(f"/api/stock/?part={part['pk']}")).json()) == 2


async def test_serials_in_use_by_another_part_are_allowed(stock: Stock) -> None:
    first, second = await stock.part(trackable=True), await stock.part(trackable=True)
    await create(stock, part=first["pk"], quantity=1, serial_numbers="77")
    response = await create(stock, part=second["pk"], quantity=1, serial_numbers="77")
    assert response.status_code == 201


async def test_serialized_quantity_must_be_a_whole_number(stock: Stock) -> None:
    part = await stock.part(trackable=True)
    response = await create(stock, part=part["pk"], quantity=1.5, serial_numbers="1,2")
    assert response.status_code == 400
    assert set(response.json()) == {"quantity", "serial_numbers"}


async def test_serialized_create_needs_an_existing_part(stock: Stock) -> None:
    response = await create(stock, part=999999, quantity=1, serial_numbers="1")
    assert response.status_code == 400
    assert response.json() == {"part": ["Valid part must be supplied"]}


async def test_serialized_create_checks_the_other_fields(stock: Stock) -> None:
    part = await stock.part(trackable=True)
    response = await create(stock, part=part["pk"], quantity=1, serial_numbers="1", location=999999)
    assert response.status_code == 400
    assert "location" in response.json()


async def test_a_create_without_serials_answers_one_item(stock: Stock) -> None:
    part = await stock.part()
    response = await create(stock, part=part["pk"], quantity=4)
    assert response.status_code == 201
    assert response.json()["quantity"] == 4


async def supplier_part(stock: Stock, part: dict[str, Any], pack: str) -> dict[str, Any]:
    supplier = await make(stock.admin, BY_MODEL_TYPE["company"], is_supplier=True)
    return await make(
        stock.admin,
        BY_MODEL_TYPE["supplierpart"],
        part=part["pk"],
        supplier=supplier["pk"],
        pack_quantity=pack,
    )


async def test_use_pack_size_counts_the_quantity_in_packs(stock: Stock) -> None:
    part = await stock.part()
    packed = await supplier_part(stock, part, "10")
    response = await create(
        stock,
        part=part["pk"],
        supplier_part=packed["pk"],
        quantity=3,
        purchase_price="50",
        use_pack_size=True,
    )
    assert response.status_code == 201, response.text
    assert response.json()["quantity"] == 30
    assert float(response.json()["purchase_price"]) == 5


async def test_use_pack_size_false_keeps_the_quantity(stock: Stock) -> None:
    part = await stock.part()
    packed = await supplier_part(stock, part, "10")
    response = await create(
        stock, part=part["pk"], supplier_part=packed["pk"], quantity=3, use_pack_size=False
    )
    assert response.json()["quantity"] == 3


async def test_a_pack_size_needs_use_pack_size(stock: Stock) -> None:
    part = await stock.part()
    packed = await supplier_part(stock, part, "10")
    response = await create(stock, part=part["pk"], supplier_part=packed["pk"], quantity=3)
    assert response.status_code == 400
    assert list(response.json()) == ["use_pack_size"]


async def test_a_pack_of_one_needs_no_use_pack_size(stock: Stock) -> None:
    part = await stock.part()
    single = await supplier_part(stock, part, "1")
    response = await create(stock, part=part["pk"], supplier_part=single["pk"], quantity=3)
    assert response.status_code == 201
    assert response.json()["quantity"] == 3
