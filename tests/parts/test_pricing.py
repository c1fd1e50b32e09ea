"""`/api/part/{id}/pricing/`: each source's range in the base currency (USD; 1 USD = 0.5 EUR),
the overall range, overrides, and the BOM roll-up from the components' stored pricing."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.parts import make


async def pricing(client: AsyncClient, pk: int) -> dict[str, Any]:
    response = await client.get(f"/api/part/{pk}/pricing/")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_internal_prices_are_converted_to_the_base_currency(rated: AsyncClient) -> None:
    part = await make.part(rated)
    for quantity, price, currency in ((1, "10", "USD"), (10, "4", "EUR")):
        await make.post(
            rated,
            "/api/part/internal-price/",
            part=part["pk"],
            quantity=quantity,
            price=price,
            price_currency=currency,
        )
    found = await pricing(rated, part["pk"])
    assert found["currency"] == "USD"
    assert (found["internal_cost_min"], found["internal_cost_max"]) == ("8.00000", "10.00000")
    assert (found["overall_min"], found["overall_max"]) == ("8.00000", "10.00000")


async def test_supplier_price_breaks_feed_supplier_price(rated: AsyncClient) -> None:
    part = await make.part(rated)
    supplier = await make.post(rated, "/api/company/", name="Pricing supplier", is_supplier=True)
    bought = await make.post(
        rated, "/api/company/part/", part=part["pk"], supplier=supplier["pk"], SKU="PR-1"
    )
    await make.post(
        rated,
        "/api/company/price-break/",
        part=bought["pk"],
        quantity=1,
        price="3",
        price_currency="USD",
    )
    found = await pricing(rated, part["pk"])
    assert (found["supplier_price_min"], found["supplier_price_max"]) == ("3.00000", "3.00000")
    assert (found["internal_cost_min"], found["bom_cost_min"]) == (None, None)


async def test_sale_prices_are_shown_but_not_overall(rated: AsyncClient) -> None:
    part = await make.part(rated, salable=True)
    await make.post(
        rated,
        "/api/part/sale-price/",
        part=part["pk"],
        quantity=1,
        price="20",
        price_currency="USD",
    )
    found = await pricing(rated, part["pk"])
    assert (found["sale_price_min"], found["overall_min"]) == ("20.00000", None)


async def test_an_override_wins_and_is_stored_on_the_part(rated: AsyncClient) -> None:
    part = await make.part(rated)
    await make.post(
        rated,
        "/api/part/internal-price/",
        part=part["pk"],
        quantity=1,
        price="10",
        price_currency="USD",
    )
    response = await rated.patch(
        f"/api/part/{part['pk']}/pricing/",
        json={"override_min": "2", "override_min_currency": "EUR"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["override_min"], body["override_min_currency"]) == ("2.00000", "EUR")
    assert (body["overall_min"], body["overall_max"]) == ("4.00000", "10.00000")
    stored = (await rated.get(f"/api/part/{part['pk']}/")).json()
    assert (float(stored["pricing_min"]), float(stored["pricing_max"])) == (4.0, 10.0)
    assert stored["pricing_updated"] is not None


async def test_an_assembly_costs_its_bom_from_the_components_pricing(rated: AsyncClient) -> None:
    assembly = await make.part(rated, assembly=True)
    component = await make.part(rated)
    await make.bom_line(rated, assembly["pk"], component["pk"], 3)
    await make.post(
        rated,
        "/api/part/internal-price/",
        part=component["pk"],
        quantity=1,
        price="2.5",
        price_currency="USD",
    )
    assert (
        await rated.put(f"/api/part/{component['pk']}/pricing/", json={"update": True})
    ).status_code == 200
    found = (await rated.put(f"/api/part/{assembly['pk']}/pricing/", json={"update": True})).json()
    assert (found["bom_cost_min"], found["bom_cost_max"]) == ("7.50000", "7.50000")
    line = (await rated.get("/api/bom/", params={"part": assembly["pk"]})).json()[0]
    assert float(line["pricing_min_total"]) == 7.5


async def test_a_bad_override_answers_400(rated: AsyncClient) -> None:
    part = await make.part(rated)
    response = await rated.patch(
        f"/api/part/{part['pk']}/pricing/",
        json={"override_min": "abc", "override_max_currency": "XYZ"},
    )
    assert response.status_code == 400
    assert set(response.json()) == {"override_min", "override_max_currency"}


async def test_pricing_of_a_missing_part_is_404(rated: AsyncClient) -> None:
    assert (await rated.get("/api/part/999999/pricing/")).status_code == 404
