"""Valid objects of any declared model, made through the API from the declaration alone."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import httpx

from storeroom.api.fields import Field
from storeroom.api.resource import Resource
from storeroom.models.registry import BY_MODEL_TYPE

_numbers = itertools.count(1)


def sample(spec: Field, number: int) -> Any:
    """A valid value for a field, different for each number (so unique sets stay unique)."""
    if spec.choices:
        return spec.choices[number % len(spec.choices)]
    return {
        "str": f"{spec.name}-{number}"[: spec.max_length or 100],
        "int": number,
        "float": float(number),
        # As the server writes it back (five decimal places), so a PUT echoes it unchanged.
        "decimal": f"{number}.50000",
        "bool": number % 2 == 0,
        "date": f"2026-01-{(number % 28) + 1:02d}",
        "datetime": f"2026-01-{(number % 28) + 1:02d}T10:00:00Z",
        "json": {"n": number},
        "tags": [f"tag{number}"],
    }[spec.kind]


# References follow their order type's pattern (PO-{ref:04d}); made ones count down from a high
# number, so the references the server generates (after the highest) never meet them.
PREFIXES = {"purchaseorder": "PO", "salesorder": "SO", "returnorder": "RMA", "build": "BO"}


def reference(model_type: str) -> Callable[[int], dict[str, Any]]:
    return lambda number: {"reference": f"{PREFIXES[model_type]}-{1_000_000_000 - number}"}


# Values the declaration alone cannot tell: a custom state's keys follow its class's rules
# (its `model`, a content type, is one that always exists).
RULED: dict[str, Callable[[int], dict[str, Any]]] = {
    **{model_type: reference(model_type) for model_type in PREFIXES},
    # An active part cannot be deleted (InvenTree's Part.delete): made parts are inactive.
    "part": lambda number: {"active": False},
    "inventreecustomuserstatemodel": lambda number: {
        "reference_status": "StockStatus",
        "logical_key": 10,
        "key": 1000 + number,
        "model": 1,
    },
}


async def purchase_line_relations(
    client: httpx.AsyncClient, overrides: dict[str, Any]
) -> dict[str, Any]:
    """A purchase line's order and supplier part of one supplier (InvenTree refuses others)."""
    if "part" in overrides and "order" in overrides:
        return {}
    if "part" in overrides:
        supplier_part = (await client.get(f"/api/company/part/{overrides['part']}/")).json()
        order = await make(
            client, BY_MODEL_TYPE["purchaseorder"], supplier=supplier_part["supplier"]
        )
        return {"order": order["pk"]}
    if "order" in overrides:
        order = (await client.get(f"/api/order/po/{overrides['order']}/")).json()
    else:
        order = await make(client, BY_MODEL_TYPE["purchaseorder"])
    supplier_part = await make(client, BY_MODEL_TYPE["supplierpart"], supplier=order["supplier"])
    return {"order": order["pk"], "part": supplier_part["pk"]}


async def sales_allocation_relations(
    client: httpx.AsyncClient, overrides: dict[str, Any]
) -> dict[str, Any]:
    """A sales allocation's line, an item of the line's part with stock to spare, and a shipment
    of the line's order (InvenTree refuses others)."""
    if "line" in overrides or "item" in overrides:
        return {}
    part = await make(client, BY_MODEL_TYPE["part"])
    line = await make(client, BY_MODEL_TYPE["salesorderlineitem"], part=part["pk"])
    shipment = await make(
        client, BY_MODEL_TYPE["salesordershipment"], order=line["order"], shipment_date=None
    )
    item = await make(
        client, BY_MODEL_TYPE["stockitem"], part=part["pk"], quantity=1000, serial=None
    )
    return {"line": line["pk"], "item": item["pk"], "shipment": shipment["pk"], "quantity": 1}


# Relations that must agree with each other, made together.
RELATED = {
    "purchaseorderlineitem": purchase_line_relations,
    "salesorderallocation": sales_allocation_relations,
}


async def body_for(
    client: httpx.AsyncClient, resource: Resource, **overrides: Any
) -> dict[str, Any]:
    number = next(_numbers)
    if resource.model_type in RELATED:
        overrides = {**await RELATED[resource.model_type](client, overrides), **overrides}
    body: dict[str, Any] = {}
    for spec in resource.writable:
        if spec.name in overrides:
            continue
        if spec.kind == "fk":
            if spec.required and spec.relation:
                body[spec.name] = (await make(client, BY_MODEL_TYPE[spec.relation]))["pk"]
            continue
        if spec.required or (spec.kind in {"str", "int", "float", "bool"} and not spec.nullable):
            body[spec.name] = sample(spec, number)
    body.update(RULED.get(resource.model_type, lambda number: {})(number))
    body.update(overrides)
    return body


async def make(client: httpx.AsyncClient, resource: Resource, **overrides: Any) -> dict[str, Any]:
    body = await body_for(client, resource, **overrides)
    response = await client.post(resource.path, json=body)
    assert response.status_code == 201, (resource.model_type, body, response.text)
    return dict(response.json())


async def make_deletable(client: httpx.AsyncClient, resource: Resource, pk: int) -> None:
    """Put a made object in the state InvenTree deletes it from: a build must be cancelled."""
    if resource.model_type == "build":
        response = await client.post(f"/api/build/{pk}/cancel/", json={})
        assert response.status_code == 201, response.text
