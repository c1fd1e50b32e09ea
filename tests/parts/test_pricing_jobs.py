"""Pricing recalculated in the background (parts/pricing_jobs.py): a pricing update queues the
parts above the part (its assemblies, at any depth, and its templates), and the
`pricing.recalculate` job over a whole tenant prices components before the assemblies that use
them. Jobs run on the application's own queue; a test waits until it has no pending job."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from storeroom.parts.pricing_jobs import PENDING, RECALCULATE
from tests.parts import make
from tests.parts.queued import Priced, priced

__all__ = ["priced"]


async def test_an_update_reprices_the_assemblies_above_the_part_in_the_background(
    priced: Priced,
) -> None:
    client = priced.client
    screw = await make.part(client, component=True)
    hinge = await make.part(client, assembly=True, component=True)
    door = await make.part(client, assembly=True)
    await make.bom_line(client, hinge["pk"], screw["pk"], 4)
    await make.bom_line(client, door["pk"], hinge["pk"], 2)
    await priced.internal_price(screw, "0.5")
    await priced.update(screw)
    await priced.settle()
    assert await priced.stored(screw) == (0.5, 0.5)
    assert await priced.stored(hinge) == (2.0, 2.0)
    assert await priced.stored(door) == (4.0, 4.0)


async def test_an_update_leaves_parts_that_do_not_use_the_part_alone(priced: Priced) -> None:
    client = priced.client
    screw, nail = await make.part(client), await make.part(client)
    uses_screw = await make.part(client, assembly=True)
    uses_nail = await make.part(client, assembly=True)
    await make.bom_line(client, uses_screw["pk"], screw["pk"], 1)
    await make.bom_line(client, uses_nail["pk"], nail["pk"], 1)
    await priced.internal_price(screw, "3")
    await priced.internal_price(nail, "5")
    await priced.update(screw)
    await priced.settle()
    assert await priced.stored(uses_screw) == (3.0, 3.0)
    assert await priced.stored(nail) == (None, None)
    assert await priced.stored(uses_nail) == (None, None)
    found = (await client.get(f"/api/part/{uses_nail['pk']}/")).json()
    assert found["pricing_updated"] is None


async def test_an_update_reprices_the_template_of_a_variant(priced: Priced) -> None:
    client = priced.client
    template = await make.part(client, is_template=True)
    variant = await make.part(client, variant_of=template["pk"])
    await priced.internal_price(variant, "7")
    await priced.update(variant)
    await priced.settle()
    assert await priced.stored(template) == (7.0, 7.0)


async def test_the_tenant_job_prices_components_before_their_assemblies(priced: Priced) -> None:
    client = priced.client
    # Made top-down, so pk order would price each assembly before its components.
    top = await make.part(client, assembly=True)
    middle = await make.part(client, assembly=True, component=True)
    bottom = await make.part(client, component=True)
    await make.bom_line(client, top["pk"], middle["pk"], 3)
    await make.bom_line(client, middle["pk"], bottom["pk"], 2)
    await priced.internal_price(bottom, "1.5")
    await priced.queue.submit(RECALCULATE, {"account": "default"})
    await priced.settle()
    assert await priced.stored(bottom) == (1.5, 1.5)
    assert await priced.stored(middle) == (3.0, 3.0)
    assert await priced.stored(top) == (9.0, 9.0)
    found = (await client.get(f"/api/part/{top['pk']}/")).json()
    assert found["pricing_updated"] is not None


async def run_pending(priced: Priced) -> None:
    """What the every-minute schedule runs, submitted at once."""
    await priced.queue.submit(PENDING, {})
    await priced.settle()


async def test_an_internal_price_reprices_the_part_and_its_assemblies(priced: Priced) -> None:
    client = priced.client
    screw = await make.part(client, component=True)
    hinge = await make.part(client, assembly=True)
    await make.bom_line(client, hinge["pk"], screw["pk"], 3)
    await run_pending(priced)
    assert await priced.stored(hinge) == (None, None)
    await priced.internal_price(screw, "2")
    found = (await client.get(f"/api/part/{screw['pk']}/")).json()
    assert found["pricing_updated"] is None
    await run_pending(priced)
    assert await priced.stored(screw) == (2.0, 2.0)
    assert await priced.stored(hinge) == (6.0, 6.0)


async def test_a_changed_bom_line_reprices_its_assembly(priced: Priced) -> None:
    client = priced.client
    pin = await make.part(client, component=True)
    frame = await make.part(client, assembly=True)
    await priced.internal_price(pin, "1.5")
    line = await make.bom_line(client, frame["pk"], pin["pk"], 2)
    await run_pending(priced)
    assert await priced.stored(frame) == (3.0, 3.0)
    response = await client.patch(f"/api/bom/{line['pk']}/", json={"quantity": 4})
    assert response.status_code == 200, response.text
    await run_pending(priced)
    assert await priced.stored(frame) == (6.0, 6.0)


async def test_a_sale_price_schedules_the_part_but_is_not_part_of_its_range(
    priced: Priced,
) -> None:
    client = priced.client
    part = await make.part(client)
    await priced.internal_price(part, "4")
    await run_pending(priced)
    await make.post(
        client,
        "/api/part/sale-price/",
        part=part["pk"],
        quantity=1,
        price="9",
        price_currency="USD",
    )
    assert (await client.get(f"/api/part/{part['pk']}/")).json()["pricing_updated"] is None
    await run_pending(priced)
    assert await priced.stored(part) == (4.0, 4.0)
    assert (await client.get(f"/api/part/{part['pk']}/")).json()["pricing_updated"]


async def test_a_variant_moved_reprices_both_templates(priced: Priced) -> None:
    client = priced.client
    left = await make.part(client, is_template=True)
    joined = await make.part(client, is_template=True)
    variant = await make.part(client, variant_of=left["pk"])
    await priced.internal_price(variant, "7")
    await run_pending(priced)
    assert await priced.stored(left) == (7.0, 7.0)
    response = await client.patch(f"/api/part/{variant['pk']}/", json={"variant_of": joined["pk"]})
    assert response.status_code == 200, response.text
    await run_pending(priced)
    assert await priced.stored(joined) == (7.0, 7.0)
    assert await priced.stored(left) == (None, None)


async def pricing_of(client: AsyncClient, part: dict[str, Any]) -> dict[str, Any]:
    response = await client.get(f"/api/part/{part['pk']}/pricing/")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def supplied(client: AsyncClient, part: dict[str, Any]) -> dict[str, Any]:
    """A supplier part of `part`, of a supplier of its own."""
    supplier = await make.post(
        client, "/api/company/", name=f"Supplier of {part['pk']}", is_supplier=True
    )
    return await make.post(
        client,
        "/api/company/part/",
        part=part["pk"],
        supplier=supplier["pk"],
        SKU=f"SKU-{part['pk']}",
    )


async def test_a_supplier_price_reprices_the_part_and_its_assemblies(priced: Priced) -> None:
    client = priced.client
    bolt = await make.part(client, component=True, purchaseable=True)
    bracket = await make.part(client, assembly=True)
    await make.bom_line(client, bracket["pk"], bolt["pk"], 2)
    bought = await supplied(client, bolt)
    price = await make.post(
        client,
        "/api/company/price-break/",
        part=bought["pk"],
        quantity=1,
        price="3",
        price_currency="USD",
    )
    assert (await client.get(f"/api/part/{bolt['pk']}/")).json()["pricing_updated"] is None
    await run_pending(priced)
    assert await priced.stored(bolt) == (3.0, 3.0)
    assert await priced.stored(bracket) == (6.0, 6.0)
    response = await client.patch(f"/api/company/price-break/{price['pk']}/", json={"price": "5"})
    assert response.status_code == 200, response.text
    assert (await client.get(f"/api/part/{bolt['pk']}/")).json()["pricing_updated"] is None
    await run_pending(priced)
    assert await priced.stored(bolt) == (5.0, 5.0)
    assert await priced.stored(bracket) == (10.0, 10.0)


async def test_a_supplier_price_leaves_other_parts_priced(priced: Priced) -> None:
    client = priced.client
    bolt, nut = await make.part(client, purchaseable=True), await make.part(client)
    await priced.internal_price(nut, "1")
    await run_pending(priced)
    bought = await supplied(client, bolt)
    await make.post(
        client,
        "/api/company/price-break/",
        part=bought["pk"],
        quantity=1,
        price="3",
        price_currency="USD",
    )
    assert (await client.get(f"/api/part/{nut['pk']}/")).json()["pricing_updated"] is not None


async def test_a_purchase_order_receipt_reprices_the_received_part(priced: Priced) -> None:
    client = priced.client
    washer = await make.part(client, purchaseable=True)
    other = await make.part(client, purchaseable=True)
    await priced.internal_price(other, "7")
    await run_pending(priced)
    assert (await pricing_of(client, washer))["purchase_cost_min"] is None
    bought = await supplied(client, washer)
    location = await make.post(client, "/api/stock/location/", name=f"Dock {washer['pk']}")
    order = await make.post(client, "/api/order/po/", supplier=bought["supplier"])
    line = await make.post(
        client,
        "/api/order/po-line/",
        order=order["pk"],
        part=bought["pk"],
        quantity=10,
        purchase_price="2.5",
        purchase_price_currency="USD",
    )
    issued = await client.post(f"/api/order/po/{order['pk']}/issue/", json={})
    assert issued.status_code == 201, issued.text
    item = {"line_item": line["pk"], "quantity": "4"}
    received = await client.post(
        f"/api/order/po/{order['pk']}/receive/", json={"items": [item], "location": location["pk"]}
    )
    assert received.status_code == 201, received.text
    assert (await client.get(f"/api/part/{washer['pk']}/")).json()["pricing_updated"] is None
    assert (await client.get(f"/api/part/{other['pk']}/")).json()["pricing_updated"] is not None
    await run_pending(priced)
    assert float((await pricing_of(client, washer))["purchase_cost_min"]) == 2.5


async def test_a_deleted_internal_price_reprices_the_part(priced: Priced) -> None:
    client = priced.client
    pin = await make.part(client)
    await priced.internal_price(pin, "4")
    [price] = (await client.get(f"/api/part/internal-price/?part={pin['pk']}")).json()
    await run_pending(priced)
    assert await priced.stored(pin) == (4.0, 4.0)
    response = await client.delete(f"/api/part/internal-price/{price['pk']}/")
    assert response.status_code == 204, response.text
    assert (await client.get(f"/api/part/{pin['pk']}/")).json()["pricing_updated"] is None
    await run_pending(priced)
    assert await priced.stored(pin) == (None, None)


async def test_bulk_deleted_bom_lines_reprice_their_assembly_only(priced: Priced) -> None:
    client = priced.client
    rod, knob = await make.part(client, component=True), await make.part(client, component=True)
    lamp = await make.part(client, assembly=True)
    shelf = await make.part(client, assembly=True)
    await priced.internal_price(rod, "2")
    await priced.internal_price(knob, "1")
    line = await make.bom_line(client, lamp["pk"], rod["pk"], 1)
    await make.bom_line(client, lamp["pk"], knob["pk"], 1)
    await make.bom_line(client, shelf["pk"], knob["pk"], 1)
    await run_pending(priced)
    assert await priced.stored(lamp) == (3.0, 3.0)
    response = await client.request("DELETE", "/api/bom/", json={"items": [line["pk"]]})
    assert response.status_code == 204, response.text
    assert (await client.get(f"/api/part/{lamp['pk']}/")).json()["pricing_updated"] is None
    assert (await client.get(f"/api/part/{shelf['pk']}/")).json()["pricing_updated"] is not None
    await run_pending(priced)
    assert await priced.stored(lamp) == (1.0, 1.0)


async def test_a_deleted_supplier_price_reprices_the_supplied_part(priced: Priced) -> None:
    client = priced.client
    rivet = await make.part(client, purchaseable=True)
    bought = await supplied(client, rivet)
    price = await make.post(
        client,
        "/api/company/price-break/",
        part=bought["pk"],
        quantity=1,
        price="3",
        price_currency="USD",
    )
    await run_pending(priced)
    assert await priced.stored(rivet) == (3.0, 3.0)
    response = await client.delete(f"/api/company/price-break/{price['pk']}/")
    assert response.status_code == 204, response.text
    await run_pending(priced)
    assert await priced.stored(rivet) == (None, None)
