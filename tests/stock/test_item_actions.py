"""POST /api/stock/{id}/serialize|install|uninstall|convert|return/: one item's actions."""

from __future__ import annotations

from typing import Any

from storeroom.models.registry import BY_MODEL_TYPE
from storeroom.stock import codes
from tests.models.make import make
from tests.stock.conftest import Stock


async def post(stock: Stock, item: dict[str, Any], name: str, body: dict[str, Any]) -> Any:
    return await stock.admin.post(f"/api/stock/{item['pk']}/{name}/", json=body)


async def serials_of(stock: Stock, part: dict[str, Any]) -> list[str]:
    listed = (await stock.admin.get(f"/api/stock/?part={part['pk']}")).json()
    return sorted(row["serial"] for row in listed if row["serial"])


async def test_serialize_splits_single_items_with_the_serials(stock: Stock) -> None:
    part, place = await stock.part(trackable=True), await stock.location()
    item = await stock.item(5, part=part["pk"])
    body = {"quantity": 3, "serial_numbers": "10-12", "destination": place["pk"]}
    response = await post(stock, item, "serialize", body)
    assert response.status_code == 201, response.text
    assert await serials_of(stock, part) == ["10", "11", "12"]
    assert (await stock.read(item))["quantity"] == 2
    listed = (await stock.admin.get(f"/api/stock/?part={part['pk']}&serial=11")).json()
    [single] = listed
    assert (single["quantity"], single["location"], single["parent"]) == (
        1,
        place["pk"],
        item["pk"],
    )
    assert (await stock.history(single["pk"]))[-1]["tracking_type"] == codes.ASSIGNED_SERIAL


async def test_serialize_refuses_a_part_that_is_not_trackable(stock: Stock) -> None:
    place = await stock.location()
    item = await stock.item(5)
    body = {"quantity": 1, "serial_numbers": "1", "destination": place["pk"]}
    response = await post(stock, item, "serialize", body)
    assert (response.status_code, response.json()) == (
        400,
        {"part": ["Part is not set as trackable"]},
    )


async def test_serialize_names_every_serial_in_use(stock: Stock) -> None:
    part, place = await stock.part(trackable=True), await stock.location()
    item = await stock.item(5, part=part["pk"])
    first = {"quantity": 2, "serial_numbers": "1,2", "destination": place["pk"]}
    assert (await post(stock, item, "serialize", first)).status_code == 201
    again = {"quantity": 3, "serial_numbers": "1-3", "destination": place["pk"]}
    response = await post(stock, item, "serialize", again)
    assert (response.status_code, response.json()) == (
        400,
        {"serial_numbers": ["The following serial numbers already exist: 1, 2"]},
    )
    assert (await stock.read(item))["quantity"] == 3


async def test_serialize_refuses_more_than_the_item_holds(stock: Stock) -> None:
    part, place = await stock.part(trackable=True), await stock.location()
    item = await stock.item(2, part=part["pk"])
    body = {"quantity": 3, "serial_numbers": "1-3", "destination": place["pk"]}
    response = await post(stock, item, "serialize", body)
    assert (response.status_code, response.json()) == (
        400,
        {"quantity": ["Quantity must not exceed available stock quantity (2)"]},
    )


async def assembly_with_component(stock: Stock) -> tuple[dict[str, Any], dict[str, Any]]:
    assembly = await stock.part(assembly=True)
    component = await stock.part(component=True)
    await make(stock.admin, BY_MODEL_TYPE["bomitem"], part=assembly["pk"], sub_part=component["pk"])
    parent = await stock.item(1, part=assembly["pk"])
    child = await stock.item(5, part=component["pk"])
    return parent, child


async def test_install_puts_part_of_an_item_into_another(stock: Stock) -> None:
    parent, child = await assembly_with_component(stock)
    response = await post(stock, parent, "install", {"stock_item": child["pk"], "quantity": 2})
    assert response.status_code == 201, response.text
    assert (await stock.read(child))["quantity"] == 3
    assert (await stock.read(parent))["installed_items"] == 1
    [installed] = (await stock.admin.get(f"/api/stock/?belongs_to={parent['pk']}")).json()
    assert installed["quantity"] == 2
    assert (await stock.history(parent))[-1]["tracking_type"] == codes.INSTALLED_CHILD_ITEM
    entry = (await stock.history(installed["pk"]))[-1]
    assert (entry["tracking_type"], entry["deltas"]) == (
        codes.INSTALLED_INTO_ASSEMBLY,
        {"stockitem": parent["pk"]},
    )


async def test_install_refuses_a_part_not_in_the_bill_of_materials(stock: Stock) -> None:
    parent, other = await stock.item(1), await stock.item(1)
    response = await post(stock, parent, "install", {"stock_item": other["pk"]})
    assert (response.status_code, response.json()) == (
        400,
        {"stock_item": ["Selected part is not in the Bill of Materials"]},
    )


async def test_uninstall_takes_the_item_out_into_a_location(stock: Stock) -> None:
    parent, child = await assembly_with_component(stock)
    place = await stock.location()
    assert (
        await post(stock, parent, "install", {"stock_item": child["pk"], "quantity": 5})
    ).status_code == 201
    response = await post(stock, child, "uninstall", {"location": place["pk"]})
    assert response.status_code == 201, response.text
    read = await stock.read(child)
    assert (read["belongs_to"], read["location"]) == (None, place["pk"])
    assert (await stock.history(child))[-1]["tracking_type"] == codes.REMOVED_FROM_ASSEMBLY


async def test_uninstall_refuses_an_item_not_installed(stock: Stock) -> None:
    item, place = await stock.item(1), await stock.location()
    response = await post(stock, item, "uninstall", {"location": place["pk"]})
    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["Stock item is not installed in another item"]},
    )


async def test_convert_makes_the_item_stock_of_a_variant(stock: Stock) -> None:
    template = await stock.part(is_template=True)
    variant = await stock.part(variant_of=template["pk"])
    item = await stock.item(1, part=template["pk"])
    assert (await post(stock, item, "convert", {"part": variant["pk"]})).status_code == 201
    assert (await stock.read(item))["part"] == variant["pk"]
    entry = (await stock.history(item))[-1]
    assert (entry["tracking_type"], entry["deltas"]) == (
        codes.CONVERTED_TO_VARIANT,
        {"part": variant["pk"]},
    )


async def test_convert_refuses_a_part_outside_the_variant_family(stock: Stock) -> None:
    item, other = await stock.item(1), await stock.part()
    response = await post(stock, item, "convert", {"part": other["pk"]})
    assert (response.status_code, response.json()) == (
        400,
        {"part": ["Selected part is not a valid option for conversion"]},
    )


async def test_return_brings_an_item_back_from_its_customer(stock: Stock) -> None:
    customer, place = await stock.customer(), await stock.location()
    item = await stock.item(1, customer=customer["pk"])
    response = await post(stock, item, "return", {"location": place["pk"], "notes": "back"})
    assert response.status_code == 201, response.text
    read = await stock.read(item)
    assert (read["customer"], read["location"]) == (None, place["pk"])
    entry = (await stock.history(item))[-1]
    assert (entry["tracking_type"], entry["deltas"], entry["notes"]) == (
        codes.RETURNED_FROM_CUSTOMER,
        {"location": place["pk"], "customer": customer["pk"]},
        "back",
    )


async def test_an_item_action_on_a_missing_item_is_404(stock: Stock) -> None:
    place = await stock.location()
    response = await stock.admin.post("/api/stock/999999/return/", json={"location": place["pk"]})
    assert response.status_code == 404
