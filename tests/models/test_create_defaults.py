"""Creates fill InvenTree's model defaults: a POST of only the fields InvenTree requires is
accepted, and the answer carries the defaults InvenTree would have given."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from storeroom.api.resource import Resource
from storeroom.models.defaults import one
from storeroom.models.references import PATTERNS, matches
from storeroom.models.registry import BY_MODEL_TYPE, MODELS
from tests.models.make import RULED, make, sales_allocation_relations, sample

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

CONTRACT = Path(__file__).resolve().parents[2] / "contract" / "inventree-264-full.yaml"
# Apart from make.py's numbers, so unique names never meet.
_numbers = itertools.count(100_000)


@cache
def contract() -> dict[str, Any]:
    return dict(yaml.safe_load(CONTRACT.read_text()))


def contract_required(resource: Resource) -> set[str] | None:
    """The fields the contract's create body requires (None: InvenTree has no create here)."""
    document = contract()
    operation = document["paths"].get(resource.path, {}).get("post")
    if operation is None:
        return None
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].split("/")[-1]]
    properties = schema.get("properties", {})
    return {name for name in schema.get("required", ()) if not properties[name].get("readOnly")}


async def minimal_body(admin: httpx.AsyncClient, resource: Resource) -> dict[str, Any]:
    """Only the fields a create must give; relations made through the API."""
    number = next(_numbers)
    body: dict[str, Any] = {}
    for spec in resource.required_on_create:
        if spec.kind == "fk" and spec.relation:
            body[spec.name] = (await make(admin, BY_MODEL_TYPE[spec.relation]))["pk"]
        else:
            body[spec.name] = sample(spec, number)
    if resource.model_type == "purchaseorderlineitem":
        # The supplier part must be the order's supplier's (InvenTree's line serializer).
        supplier = (await admin.get(f"/api/company/part/{body['part']}/")).json()["supplier"]
        await admin.patch(f"/api/order/po/{body['order']}/", json={"supplier": supplier})
    if resource.model_type == "salesorderallocation":
        # The item must be of the line's part, the shipment of its order (InvenTree's clean()).
        body.update(await sales_allocation_relations(admin, {}))
    ruled = RULED.get(resource.model_type, lambda number: {})(number)
    return {**body, **{name: value for name, value in ruled.items() if name not in PATTERNS}}


def expected_default(resource: Resource, name: str) -> Any:
    spec = resource.field(name)
    if resource.create_defaults.get(name) is one:
        return 1.0
    if name.endswith("currency") and name in resource.create_defaults:
        return "USD"  # the deployment's default currency (settings.base_currency)
    if callable(spec.default) or name in resource.create_defaults:
        return ...  # computed from the moment or other rows: the tests below check them
    return spec.default


# A list written only by actions (the stock history) is tested by its own capability.
CREATABLE = [resource for resource in MODELS if "create" in resource.operations]


def ids(resource: Resource) -> str:
    return resource.model_type


@pytest.mark.parametrize("resource", CREATABLE, ids=ids)
def test_a_create_requires_no_field_that_inventree_leaves_optional(resource: Resource) -> None:
    required = contract_required(resource)
    if required is None:
        pytest.skip("InvenTree has no create here")
    if resource.model_type == "build_line":
        # InvenTree's POST cannot make a working line (it has no build or BOM item to take);
        # storeroom's takes both (docs/api-behaviour.md, "Build orders").
        required |= {"build", "bom_item"}
    assert {spec.name for spec in resource.required_on_create} <= required


@pytest.mark.parametrize("resource", CREATABLE, ids=ids)
async def test_a_create_of_only_the_required_fields_gets_the_defaults(
    admin: httpx.AsyncClient, resource: Resource
) -> None:
    body = await minimal_body(admin, resource)
    response = await admin.post(resource.path, json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    for spec in resource.writable:
        if spec.name in body:
            continue
        expected = expected_default(resource, spec.name)
        if expected is ...:
            continue
        if isinstance(expected, float):
            assert float(created[spec.name]) == expected, spec.name
        else:
            assert created[spec.name] == expected, spec.name


@pytest.mark.parametrize("model_type", sorted(PATTERNS))
async def test_a_generated_reference_matches_the_order_types_pattern(
    admin: httpx.AsyncClient, model_type: str
) -> None:
    resource = BY_MODEL_TYPE[model_type]
    created = (await admin.post(resource.path, json=await minimal_body(admin, resource))).json()
    assert matches(created["reference"], PATTERNS[model_type])


async def test_a_return_order_extra_line_without_quantity_has_quantity_one(
    admin: httpx.AsyncClient,
) -> None:
    order = await make(admin, BY_MODEL_TYPE["returnorder"])
    response = await admin.post("/api/order/ro-extra-line/", json={"order": order["pk"]})
    assert response.status_code == 201, response.text
    assert response.json()["quantity"] == 1


async def test_a_company_without_currency_gets_the_default_currency(
    admin: httpx.AsyncClient,
) -> None:
    response = await admin.post("/api/company/", json={"name": "Acme"})
    assert response.status_code == 201, response.text
    assert response.json()["currency"] == "USD"


async def test_a_company_given_a_currency_keeps_it(admin: httpx.AsyncClient) -> None:
    response = await admin.post("/api/company/", json={"name": "Acme GmbH", "currency": "EUR"})
    assert response.json()["currency"] == "EUR"


async def test_a_company_with_a_currency_that_is_no_currency_is_refused(
    admin: httpx.AsyncClient,
) -> None:
    response = await admin.post("/api/company/", json={"name": "Acme Ltd", "currency": "XYZ"})
    assert response.status_code == 400
    assert list(response.json()) == ["currency"]


async def test_a_stock_item_without_location_goes_to_its_parts_default_location(
    admin: httpx.AsyncClient,
) -> None:
    shelf = await make(admin, BY_MODEL_TYPE["stocklocation"])
    part = await make(admin, BY_MODEL_TYPE["part"], default_location=shelf["pk"])
    response = await admin.post("/api/stock/", json={"part": part["pk"], "quantity": 3})
    assert response.status_code == 201, response.text
    assert response.json()["location"] == shelf["pk"]


async def test_a_stock_item_given_a_location_keeps_it(admin: httpx.AsyncClient) -> None:
    shelf = await make(admin, BY_MODEL_TYPE["stocklocation"])
    other = await make(admin, BY_MODEL_TYPE["stocklocation"])
    part = await make(admin, BY_MODEL_TYPE["part"], default_location=shelf["pk"])
    body = {"part": part["pk"], "quantity": 3, "location": other["pk"]}
    item = (await admin.post("/api/stock/", json=body)).json()
    assert item["location"] == other["pk"]


async def test_a_stock_item_without_expiry_expires_after_its_parts_default_expiry(
    admin: httpx.AsyncClient,
) -> None:
    part = await make(admin, BY_MODEL_TYPE["part"], default_expiry=30)
    item = (await admin.post("/api/stock/", json={"part": part["pk"], "quantity": 1})).json()
    assert item["expiry_date"] == (datetime.now(UTC).date() + timedelta(days=30)).isoformat()


async def test_a_stock_item_of_a_part_without_default_expiry_has_none(
    admin: httpx.AsyncClient,
) -> None:
    part = await make(admin, BY_MODEL_TYPE["part"], default_expiry=0)
    item = (await admin.post("/api/stock/", json={"part": part["pk"], "quantity": 1})).json()
    assert item["expiry_date"] is None
