"""GET /api/stock/ filters, ordering and search as InvenTree answers them: each test asserts the
rows a filter keeps and the ones it leaves out."""

from __future__ import annotations

from typing import Any

import pytest

from storeroom.models.registry import BY_MODEL_TYPE
from tests.models.make import make
from tests.stock.conftest import Stock


async def pks(stock: Stock, query: str) -> set[int]:
    response = await stock.admin.get(f"/api/stock/?{query}")
    assert response.status_code == 200, response.text
    return {row["pk"] for row in response.json()}


async def test_location_includes_its_sub_locations(stock: Stock) -> None:
    top = await stock.location()
    below = await stock.location(parent=top["pk"])
    beside = await stock.location()
    at_top, at_below = await stock.item(location=top["pk"]), await stock.item(location=below["pk"])
    elsewhere = await stock.item(location=beside["pk"])
    found = await pks(stock, f"location={top['pk']}")
    assert found == {at_top["pk"], at_below["pk"]}
    assert elsewhere["pk"] not in found


async def test_cascade_false_keeps_only_the_location_itself(stock: Stock) -> None:
    top = await stock.location()
    below = await stock.location(parent=top["pk"])
    at_top, at_below = await stock.item(location=top["pk"]), await stock.item(location=below["pk"])
    found = await pks(stock, f"location={top['pk']}&cascade=false")
    assert found == {at_top["pk"]}
    assert at_below["pk"] not in found


async def test_location_null_keeps_unplaced_items(stock: Stock) -> None:
    place = await stock.location()
    unplaced, placed = await stock.item(), await stock.item(location=place["pk"])
    found = await pks(stock, "location=null")
    assert unplaced["pk"] in found
    assert placed["pk"] not in found


async def test_part_includes_stock_of_its_variants(stock: Stock) -> None:
    template = await stock.part(is_template=True)
    variant = await stock.part(variant_of=template["pk"])
    own, of_variant = await stock.item(part=template["pk"]), await stock.item(part=variant["pk"])
    other = await stock.item()
    found = await pks(stock, f"part={template['pk']}")
    assert found == {own["pk"], of_variant["pk"]}
    assert other["pk"] not in found


async def test_category_includes_its_sub_categories(stock: Stock) -> None:
    category = BY_MODEL_TYPE["partcategory"]
    top = await make(stock.admin, category)
    below = await make(stock.admin, category, parent=top["pk"])
    inside = await stock.item(part=(await stock.part(category=below["pk"]))["pk"])
    outside = await stock.item()
    found = await pks(stock, f"category={top['pk']}")
    assert found == {inside["pk"]}
    assert outside["pk"] not in found


@pytest.mark.parametrize(
    ("name", "kept", "left"),
    [
        ("in_stock", {"quantity": 2}, {"quantity": 0}),
        ("in_stock", {"quantity": 2}, {"quantity": 2, "status": 60}),
        ("in_stock", {"quantity": 2}, {"quantity": 2, "is_building": True}),
        ("serialized", {"quantity": 1, "serial": "S1"}, {"quantity": 1}),
        ("has_batch", {"batch": "B"}, {"batch": ""}),
        ("depleted", {"quantity": 0}, {"quantity": 3}),
        ("has_purchase_price", {"purchase_price": "1.5"}, {}),
        ("expired", {"expiry_date": "2020-01-01"}, {"expiry_date": "2999-01-01"}),
    ],
)
async def test_yes_no_filters(
    stock: Stock, name: str, kept: dict[str, Any], left: dict[str, Any]
) -> None:
    part = await stock.part()
    keep = await stock.item(**{"quantity": 1, "part": part["pk"], **kept})
    leave = await stock.item(**{"quantity": 1, "part": part["pk"], **left})
    assert await pks(stock, f"part={part['pk']}&{name}=true") == {keep["pk"]}
    assert await pks(stock, f"part={part['pk']}&{name}=false") == {leave["pk"]}


async def test_sent_to_customer_and_installed(stock: Stock) -> None:
    part, customer = await stock.part(), await stock.customer()
    sent = await stock.item(part=part["pk"], customer=customer["pk"])
    assembly = await stock.item(part=part["pk"])
    installed = await stock.item(part=part["pk"], belongs_to=assembly["pk"])
    query = f"part={part['pk']}"
    assert await pks(stock, f"{query}&sent_to_customer=true") == {sent["pk"]}
    assert await pks(stock, f"{query}&installed=true") == {installed["pk"]}
    assert await pks(stock, f"{query}&has_installed_items=true") == {assembly["pk"]}


async def test_batch_matches_without_case(stock: Stock) -> None:
    part = await stock.part()
    upper, other = (
        await stock.item(part=part["pk"], batch="AB-1"),
        await stock.item(part=part["pk"], batch="AB-2"),
    )
    found = await pks(stock, f"part={part['pk']}&batch=ab-1")
    assert found == {upper["pk"]}
    assert other["pk"] not in found


async def test_min_and_max_stock(stock: Stock) -> None:
    part = await stock.part()
    small, large = await stock.item(1, part=part["pk"]), await stock.item(9, part=part["pk"])
    assert await pks(stock, f"part={part['pk']}&min_stock=5") == {large["pk"]}
    assert await pks(stock, f"part={part['pk']}&max_stock=5") == {small["pk"]}


async def test_part_name_filters(stock: Stock) -> None:
    named = await stock.part(name="Resistor 10k", IPN="R-10K")
    other = await stock.part(name="Capacitor")
    item, beside = await stock.item(part=named["pk"]), await stock.item(part=other["pk"])
    assert await pks(stock, "name=resistor%2010k") == {item["pk"]}
    assert await pks(stock, "name_contains=SISTOR") == {item["pk"]}
    assert await pks(stock, "IPN=r-10k") == {item["pk"]}
    assert beside["pk"] not in await pks(stock, "name_contains=sistor")


async def test_search_finds_stock_by_its_part(stock: Stock) -> None:
    named = await stock.part(name="Resistorium", description="a thing")
    item, other = await stock.item(part=named["pk"]), await stock.item()
    found = await pks(stock, "search=Resistorium")
    assert found == {item["pk"]}
    assert other["pk"] not in found


async def test_ordering_by_part_name(stock: Stock) -> None:
    category = await make(stock.admin, BY_MODEL_TYPE["partcategory"])
    names = ["Zeta", "Alpha", "Mu"]
    for name in names:
        await stock.item(part=(await stock.part(name=f"ord-{name}", category=category["pk"]))["pk"])
    listed = (
        await stock.admin.get(f"/api/stock/?category={category['pk']}&ordering=-part__name")
    ).json()
    read = [(await stock.admin.get(f"/api/part/{row['part']}/")).json()["name"] for row in listed]
    assert read == ["ord-Zeta", "ord-Mu", "ord-Alpha"]


async def test_ordering_by_stock_is_by_quantity(stock: Stock) -> None:
    part = await stock.part()
    for quantity in (5, 1, 3):
        await stock.item(quantity, part=part["pk"])
    listed = (await stock.admin.get(f"/api/stock/?part={part['pk']}&ordering=stock")).json()
    assert [row["quantity"] for row in listed] == [1, 3, 5]
    assert "stock" not in listed[0]


async def test_tracked_keeps_items_with_a_serial_or_a_batch(stock: Stock) -> None:
    part = await stock.part()
    serial = await stock.item(1, part=part["pk"], serial="T-1")
    batch = await stock.item(part=part["pk"], batch="T-B")
    neither = await stock.item(part=part["pk"], batch="")
    assert await pks(stock, f"part={part['pk']}&tracked=true") == {serial["pk"], batch["pk"]}
    assert await pks(stock, f"part={part['pk']}&tracked=false") == {neither["pk"]}


async def test_include_variants_false_keeps_the_part_itself(stock: Stock) -> None:
    template = await stock.part(is_template=True)
    variant = await stock.part(variant_of=template["pk"])
    own, of_variant = await stock.item(part=template["pk"]), await stock.item(part=variant["pk"])
    found = await pks(stock, f"part={template['pk']}&include_variants=false")
    assert found == {own["pk"]}
    assert of_variant["pk"] not in found
    both = await pks(stock, f"part={template['pk']}&include_variants=true")
    assert both == {own["pk"], of_variant["pk"]}


async def test_exclude_tree_leaves_out_the_item_and_the_items_split_from_it(stock: Stock) -> None:
    part, place = await stock.part(), await stock.location()
    original = await stock.item(10, part=part["pk"])
    moved = await stock.admin.post(
        "/api/stock/transfer/",
        json={"items": [{"pk": original["pk"], "quantity": 4}], "location": place["pk"]},
    )
    assert moved.status_code == 201, moved.text
    split = await pks(stock, f"part={part['pk']}&location={place['pk']}")
    beside = await stock.item(part=part["pk"])
    found = await pks(stock, f"part={part['pk']}&exclude_tree={original['pk']}")
    assert found == {beside["pk"]}
    assert not ({original["pk"]} | split) & found


async def test_exclude_so_allocation_leaves_out_items_allocated_to_that_order(
    stock: Stock,
) -> None:
    part, customer = await stock.part(salable=True), await stock.customer()
    allocated, free = await stock.item(part=part["pk"]), await stock.item(part=part["pk"])
    order = await make(stock.admin, BY_MODEL_TYPE["salesorder"], customer=customer["pk"])
    line = await make(
        stock.admin, BY_MODEL_TYPE["salesorderlineitem"], order=order["pk"], part=part["pk"]
    )
    await make(
        stock.admin,
        BY_MODEL_TYPE["salesorderallocation"],
        line=line["pk"],
        item=allocated["pk"],
        quantity=1,
        shipment=None,
    )
    found = await pks(stock, f"part={part['pk']}&exclude_so_allocation={order['pk']}")
    assert found == {free["pk"]}
    other_order = await make(stock.admin, BY_MODEL_TYPE["salesorder"], customer=customer["pk"])
    everything = await pks(stock, f"part={part['pk']}&exclude_so_allocation={other_order['pk']}")
    assert everything == {allocated["pk"], free["pk"]}


async def test_tags_slug_matches_the_lower_case_dashed_name(stock: Stock) -> None:
    tagged = await stock.item(tags=["Slug Me"])
    other = await stock.item(tags=["slug-you"])
    found = await pks(stock, "tags__slug=slug-me")
    assert found == {tagged["pk"]}
    assert other["pk"] not in found


async def test_a_bad_filter_value_is_a_400(stock: Stock) -> None:
    response = await stock.admin.get("/api/stock/?in_stock=maybe")
    assert (response.status_code, response.json()) == (
        400,
        {"in_stock": ["Must be a valid boolean."]},
    )


async def location_pks(stock: Stock, query: str) -> set[int]:
    response = await stock.admin.get(f"/api/stock/location/?{query}")
    assert response.status_code == 200, response.text
    return {row["pk"] for row in response.json()}


async def test_locations_by_parent_top_level_and_depth(stock: Stock) -> None:
    top = await stock.location()
    child = await stock.location(parent=top["pk"])
    grandchild = await stock.location(parent=child["pk"])
    assert await location_pks(stock, f"parent={top['pk']}") == {child["pk"]}
    top_level = await location_pks(stock, "top_level=true")
    assert top["pk"] in top_level
    assert child["pk"] not in top_level
    shallow = await location_pks(stock, "depth=1")
    assert {top["pk"], child["pk"]} <= shallow
    assert grandchild["pk"] not in shallow


async def test_available_compares_the_quantity_with_what_is_allocated(stock: Stock) -> None:
    part = await stock.part()
    free, taken = await stock.item(5, part=part["pk"]), await stock.item(2, part=part["pk"])
    partly = await stock.item(5, part=part["pk"])
    lost = await stock.item(5, part=part["pk"], status=70)
    for item, quantity in ((taken, 2), (partly, 1)):
        await make(
            stock.admin, BY_MODEL_TYPE["build_item"], stock_item=item["pk"], quantity=quantity
        )
    available = await pks(stock, f"part={part['pk']}&available=true")
    assert available == {free["pk"], partly["pk"]}
    # `false` is no more than allocated, not the opposite of `true`: a lost item with nothing
    # allocated is in neither list, as in InvenTree.
    assert await pks(stock, f"part={part['pk']}&available=false") == {taken["pk"]}
    assert lost["pk"] not in available


async def test_allocated_keeps_items_allocated_to_a_build(stock: Stock) -> None:
    allocated, free = await stock.item(quantity=50), await stock.item()
    await make(stock.admin, BY_MODEL_TYPE["build_item"], stock_item=allocated["pk"], quantity=1)
    found = await pks(stock, "allocated=true")
    assert allocated["pk"] in found
    assert free["pk"] not in found
    unallocated = await pks(stock, "allocated=false")
    assert free["pk"] in unallocated
    assert allocated["pk"] not in unallocated


async def test_part_tree_keeps_the_items_of_the_whole_variant_tree(stock: Stock) -> None:
    template = await stock.part(is_template=True)
    variant = await stock.part(variant_of=template["pk"])
    other = await stock.part()
    of_template = await stock.item(part=template["pk"])
    of_variant = await stock.item(part=variant["pk"])
    elsewhere = await stock.item(part=other["pk"])
    found = await pks(stock, f"part_tree={variant['pk']}")
    assert found == {of_template["pk"], of_variant["pk"]}
    assert elsewhere["pk"] not in found


async def test_tags_name_keeps_the_items_with_that_tag(stock: Stock) -> None:
    tagged = await stock.item(tags=["fragile", "blue_box"])
    untagged = await stock.item(tags=["sturdy"])
    assert await pks(stock, "tags__name=fragile") >= {tagged["pk"]}
    assert untagged["pk"] not in await pks(stock, "tags__name=fragile")
    assert await pks(stock, "tags__name=blue_box") == {tagged["pk"]}
    assert await pks(stock, "tags__name=blue%box") == set()


async def test_a_tag_name_with_a_quote_is_refused(stock: Stock) -> None:
    response = await stock.admin.get('/api/stock/?tags__name=a"b')
    assert response.status_code == 400
    assert list(response.json()) == ["tags__name"]
