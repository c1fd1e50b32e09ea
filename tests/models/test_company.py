"""Companies: what deleting one does to the parts and orders that refer to it, and its counts."""

from __future__ import annotations

from httpx import AsyncClient

from storeroom.models.registry import BY_MODEL_TYPE
from tests.models.make import make

COMPANY, SUPPLIER_PART = BY_MODEL_TYPE["company"], BY_MODEL_TYPE["supplierpart"]


async def test_deleting_a_company_deletes_the_parts_it_supplies(admin: AsyncClient) -> None:
    supplier = await make(admin, COMPANY)
    supplied = await make(admin, SUPPLIER_PART, supplier=supplier["pk"])
    assert (await admin.delete(f"/api/company/{supplier['pk']}/")).status_code == 204
    assert (await admin.get(f"/api/company/part/{supplied['pk']}/")).status_code == 404


async def test_deleting_a_supplier_keeps_its_purchase_orders_without_it(
    admin: AsyncClient,
) -> None:
    supplier = await make(admin, COMPANY)
    order = await make(admin, BY_MODEL_TYPE["purchaseorder"], supplier=supplier["pk"])
    assert order["supplier_name"] == supplier["name"]
    assert (await admin.delete(f"/api/company/{supplier['pk']}/")).status_code == 204
    kept = (await admin.get(f"/api/order/po/{order['pk']}/")).json()
    assert (kept["supplier"], kept["supplier_name"]) == (None, None)


async def test_deleting_a_contact_keeps_the_orders_that_name_it(admin: AsyncClient) -> None:
    contact = await make(admin, BY_MODEL_TYPE["contact"])
    order = await make(admin, BY_MODEL_TYPE["salesorder"], contact=contact["pk"])
    assert (await admin.delete(f"/api/company/contact/{contact['pk']}/")).status_code == 204
    assert (await admin.get(f"/api/order/so/{order['pk']}/")).json()["contact"] is None


async def test_a_company_counts_what_it_supplies_manufactures_and_its_addresses(
    admin: AsyncClient,
) -> None:
    company = await make(admin, COMPANY)
    await make(admin, SUPPLIER_PART, supplier=company["pk"])
    for _ in range(2):
        await make(admin, BY_MODEL_TYPE["manufacturerpart"], manufacturer=company["pk"])
    await make(admin, BY_MODEL_TYPE["address"], company=company["pk"])
    found = (await admin.get(f"/api/company/{company['pk']}/")).json()
    counts = (found["parts_supplied"], found["parts_manufactured"], found["address_count"])
    assert counts == (1, 2, 1)


async def test_two_companies_may_not_share_name_and_email(admin: AsyncClient) -> None:
    body = {"name": "Acme", "email": "sales@acme.test", "currency": "EUR"}
    assert (await admin.post("/api/company/", json=body)).status_code == 201
    response = await admin.post("/api/company/", json=body)
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["The fields name, email must make a unique set."]
    }


async def test_a_company_currency_must_be_a_known_code(admin: AsyncClient) -> None:
    response = await admin.post("/api/company/", json={"name": "Acme GmbH", "currency": "XYZ"})
    assert response.status_code == 400
    assert response.json() == {"currency": ['"XYZ" is not a valid choice.']}


async def test_a_supplier_part_shows_its_manufacturer_and_mpn(admin: AsyncClient) -> None:
    manufacturer_part = await make(admin, BY_MODEL_TYPE["manufacturerpart"], MPN="LM317T")
    manufacturer = (await admin.get(f"/api/company/{manufacturer_part['manufacturer']}/")).json()
    supplied = await make(
        admin,
        SUPPLIER_PART,
        part=manufacturer_part["part"],
        manufacturer_part=manufacturer_part["pk"],
    )
    assert (supplied["MPN"], supplied["manufacturer"]) == ("LM317T", manufacturer["name"])
