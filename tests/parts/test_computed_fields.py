"""A part's computed fields against hand-computed values: its name, stock in hand, of variants
and at external locations, on order, in production and required by open sales orders."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.parts import make


async def read(client: AsyncClient, pk: int) -> dict[str, Any]:
    response = await client.get(f"/api/part/{pk}/")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_full_name_joins_ipn_name_and_revision(admin: AsyncClient) -> None:
    both = await make.part(admin, name="Widget", IPN="W-1", revision="B")
    plain = await make.part(admin, name="Gadget")
    assert both["full_name"] == "W-1 | Widget | B"
    assert plain["full_name"] == "Gadget"


async def test_a_part_without_an_image_has_the_blank_thumbnail(admin: AsyncClient) -> None:
    part = await make.part(admin)
    assert (part["image"], part["thumbnail"]) == (None, "/static/img/blank_image.thumbnail.png")


async def test_in_stock_counts_available_items_only(admin: AsyncClient) -> None:
    part = await make.part(admin)
    await make.stock(admin, part["pk"], 5)
    await make.stock(admin, part["pk"], 2.5)
    await make.stock(admin, part["pk"], 7, status=65)  # REJECTED: not available
    await make.stock(admin, part["pk"], 3, is_building=True)
    found = await read(admin, part["pk"])
    assert (found["in_stock"], found["stock_item_count"]) == (7.5, 4)


async def test_total_stock_adds_the_variants_stock(admin: AsyncClient) -> None:
    template = await make.part(admin, is_template=True)
    variant = await make.part(admin, variant_of=template["pk"])
    await make.stock(admin, template["pk"], 2)
    await make.stock(admin, variant["pk"], 3)
    found = await read(admin, template["pk"])
    assert (found["in_stock"], found["variant_stock"], found["total_in_stock"]) == (2, 3, 5)
    assert found["unallocated_stock"] == 5
    assert (await read(admin, variant["pk"]))["variant_stock"] == 0


async def test_external_stock_is_stock_at_external_locations(admin: AsyncClient) -> None:
    part = await make.part(admin)
    outside = await make.post(admin, "/api/stock/location/", name="Contractor", external=True)
    inside = await make.post(admin, "/api/stock/location/", name="Shelf")
    await make.stock(admin, part["pk"], 4, location=outside["pk"])
    await make.stock(admin, part["pk"], 6, location=inside["pk"])
    found = await read(admin, part["pk"])
    assert (found["external_stock"], found["in_stock"]) == (4, 10)


async def test_ordering_is_what_open_purchase_orders_still_have_to_receive(
    admin: AsyncClient,
) -> None:
    part = await make.part(admin, purchaseable=True)
    supplier = await make.post(admin, "/api/company/", name="Supplier", is_supplier=True)
    supplier_part = await make.post(
        admin, "/api/company/part/", part=part["pk"], supplier=supplier["pk"], SKU="SKU-1"
    )
    order = await make.post(admin, "/api/order/po/", supplier=supplier["pk"])
    await make.post(
        admin, "/api/order/po-line/", order=order["pk"], part=supplier_part["pk"], quantity=12
    )
    assert (await read(admin, part["pk"]))["ordering"] == 12


async def test_building_is_what_active_builds_make(admin: AsyncClient) -> None:
    part = await make.part(admin, assembly=True)
    await make.post(admin, "/api/build/", part=part["pk"], quantity=4, title="Make four")
    assert (await read(admin, part["pk"]))["building"] == 4


async def test_required_for_sales_orders_is_what_open_orders_still_ship(
    admin: AsyncClient,
) -> None:
    part = await make.part(admin, salable=True)
    customer = await make.post(admin, "/api/company/", name="Customer", is_customer=True)
    order = await make.post(admin, "/api/order/so/", customer=customer["pk"])
    await make.post(admin, "/api/order/so-line/", order=order["pk"], part=part["pk"], quantity=9)
    found = await read(admin, part["pk"])
    assert (found["required_for_sales_orders"], found["required_for_build_orders"]) == (9, 0)


async def test_category_default_location_falls_back_to_the_parent_category(
    admin: AsyncClient,
) -> None:
    shelf = await make.post(admin, "/api/stock/location/", name="Default shelf")
    parent = await make.category(admin, default_location=shelf["pk"])
    child = await make.category(admin, parent=parent["pk"])
    part = await make.part(admin, category=child["pk"])
    assert part["category_default_location"] == shelf["pk"]
    assert (await make.part(admin))["category_default_location"] is None


async def test_a_list_answers_the_computed_fields_of_each_row(admin: AsyncClient) -> None:
    first = await make.part(admin, IPN="LIST-1")
    second = await make.part(admin, IPN="LIST-2")
    await make.stock(admin, second["pk"], 8)
    response = await admin.get("/api/part/", params={"IPN": "LIST-2", "limit": 5})
    body = response.json()
    assert [row["pk"] for row in body["results"]] == [second["pk"]]
    assert body["results"][0]["total_in_stock"] == 8
    assert first["pk"] not in [row["pk"] for row in body["results"]]
