"""Pricing recalculated in the background (parts/pricing_jobs.py): a pricing update queues the
parts above the part (its assemblies, at any depth, and its templates), and the
`pricing.recalculate` job over a whole tenant prices components before the assemblies that use
them. Jobs run on the application's own queue; a test waits until it has no pending job."""

from __future__ import annotations

from storeroom.parts.pricing_jobs import RECALCULATE
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
