"""Order and build references as InvenTree makes them: generated from the order type's pattern
when a create leaves them out, checked against it when given, unique in the tenant. Each test
starts from a tenant without orders."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from storeroom.settings import Settings
from tests.conftest import Client, token_for

PATHS = {
    "purchaseorder": "/api/order/po/",
    "salesorder": "/api/order/so/",
    "returnorder": "/api/order/ro/",
    "build": "/api/build/",
}
PREFIXES = {"purchaseorder": "PO", "salesorder": "SO", "returnorder": "RMA", "build": "BO"}
NUMBERS = itertools.count(1)
NAMES = {
    "purchaseorder": "Purchase Order",
    "salesorder": "Sales Order",
    "returnorder": "Return Order",
    "build": "Build Order",
}


async def required_of(client: Client, model_type: str) -> dict[str, Any]:
    """What else InvenTree requires: a purchase order's supplier, a build's part."""
    if model_type == "purchaseorder":
        supplier = await client.post("/api/company/", json={"name": f"Supplier {next(NUMBERS)}"})
        return {"supplier": supplier.json()["pk"]}
    if model_type == "build":
        part = await client.post(
            "/api/part/", json={"name": f"Assembly {next(NUMBERS)}", "assembly": True}
        )
        return {"part": part.json()["pk"]}
    return {}


async def create(client: Client, model_type: str, **values: Any) -> Any:
    body = {**await required_of(client, model_type), **values}
    return await client.post(PATHS[model_type], json=body)


async def test_orders_without_reference_are_numbered_from_one_per_order_type(
    client: Client,
) -> None:
    references = []
    for model_type in ("purchaseorder", "purchaseorder", "salesorder", "returnorder", "build"):
        response = await create(client, model_type)
        assert response.status_code == 201, response.text
        references.append(response.json()["reference"])
    assert references == ["PO-0001", "PO-0002", "SO-0001", "RMA-0001", "BO-0001"]


async def test_a_generated_reference_follows_the_highest_number_in_use(client: Client) -> None:
    for reference in ("SO-0007", "SO-0003"):
        assert (await create(client, "salesorder", reference=reference)).status_code == 201
    assert (await create(client, "salesorder")).json()["reference"] == "SO-0008"


async def test_a_reference_number_beyond_the_pattern_width_keeps_counting(
    client: Client,
) -> None:
    await create(client, "purchaseorder", reference="PO-12345")
    assert (await create(client, "purchaseorder")).json()["reference"] == "PO-12346"


@pytest.mark.parametrize("model_type", sorted(PATHS))
async def test_a_reference_that_does_not_match_the_pattern_is_refused(
    client: Client, model_type: str
) -> None:
    response = await create(client, model_type, reference="Order 12")
    assert response.status_code == 400
    pattern = f"{PREFIXES[model_type]}-{{ref:04d}}"
    assert response.json() == {"reference": [f"Reference must match required pattern: {pattern}"]}


async def test_changing_a_reference_to_one_off_the_pattern_is_refused(client: Client) -> None:
    order = (await create(client, "returnorder")).json()
    response = await client.patch(f"/api/order/ro/{order['pk']}/", json={"reference": "R-1"})
    assert response.status_code == 400
    assert response.json() == {
        "reference": ["Reference must match required pattern: RMA-{ref:04d}"]
    }


async def test_a_blank_reference_is_refused(client: Client) -> None:
    response = await create(client, "salesorder", reference="  ")
    assert response.status_code == 400
    assert response.json() == {"reference": ["This field may not be blank."]}


@pytest.mark.parametrize("model_type", sorted(PATHS))
async def test_a_reference_already_used_in_the_tenant_is_refused(
    client: Client, model_type: str
) -> None:
    reference = f"{PREFIXES[model_type]}-0042"
    assert (await create(client, model_type, reference=reference)).status_code == 201
    response = await create(client, model_type, reference=reference)
    assert response.status_code == 400
    assert response.json() == {
        "reference": [f"{NAMES[model_type]} with this reference already exists."]
    }


async def test_another_tenants_references_do_not_count(
    client: Client, login_as: Callable[..., Awaitable[Client]]
) -> None:
    await create(client, "salesorder", reference="SO-0050")
    other = await login_as("other-admin", account="other", is_superuser=True)
    try:
        assert (await create(other, "salesorder")).json()["reference"] == "SO-0001"
    finally:
        await other.aclose()


async def test_defaults_in_a_currency_follow_the_deployments_base_currency(
    make_settings: Callable[..., Settings],
    anonymous_factory: Callable[[Settings], Awaitable[Client]],
) -> None:
    euro = await anonymous_factory(make_settings(base_currency="EUR"))
    euro.headers["Authorization"] = f"Token {await token_for(euro, 'admin')}"
    company = (await euro.post("/api/company/", json={"name": "Acme"})).json()
    assert company["currency"] == "EUR"
    order = (await euro.post("/api/order/so/", json={"customer": company["pk"]})).json()
    line = await euro.post("/api/order/so-extra-line/", json={"order": order["pk"]})
    assert line.status_code == 201, line.text
    assert (line.json()["price_currency"], line.json()["quantity"]) == ("EUR", 1)
