"""Parts, categories and locations: the counts they compute from related rows."""

from __future__ import annotations

from httpx import AsyncClient

from storeroom.models.registry import BY_MODEL_TYPE
from tests.models.make import make

CATEGORY, LOCATION, PART = (
    BY_MODEL_TYPE["partcategory"],
    BY_MODEL_TYPE["stocklocation"],
    BY_MODEL_TYPE["part"],
)


async def test_a_category_counts_its_subcategories(admin: AsyncClient) -> None:
    parent = await make(admin, CATEGORY)
    for _ in range(2):
        await make(admin, CATEGORY, parent=parent["pk"])
    found = (await admin.get(f"/api/part/category/{parent['pk']}/")).json()
    assert found["subcategories"] == 2


async def test_a_location_counts_its_sublocations(admin: AsyncClient) -> None:
    parent = await make(admin, LOCATION)
    await make(admin, LOCATION, parent=parent["pk"])
    found = (await admin.get(f"/api/stock/location/{parent['pk']}/")).json()
    assert found["sublocations"] == 1


async def test_a_part_counts_its_supplier_parts(admin: AsyncClient) -> None:
    part = await make(admin, PART)
    for _ in range(2):
        await make(admin, BY_MODEL_TYPE["supplierpart"], part=part["pk"])
    assert (await admin.get(f"/api/part/{part['pk']}/")).json()["suppliers"] == 2


async def test_a_part_counts_its_revisions(admin: AsyncClient) -> None:
    part = await make(admin, PART)
    await make(admin, PART, revision_of=part["pk"])
    assert (await admin.get(f"/api/part/{part['pk']}/")).json()["revision_count"] == 1


async def test_deleting_a_part_deletes_its_bom_lines_and_parameters(admin: AsyncClient) -> None:
    assembly = await make(admin, PART)
    line = await make(admin, BY_MODEL_TYPE["bomitem"], part=assembly["pk"])
    parameter = await make(admin, BY_MODEL_TYPE["partparameter"], part=assembly["pk"])
    assert (await admin.delete(f"/api/part/{assembly['pk']}/")).status_code == 204
    assert (await admin.get(f"/api/bom/{line['pk']}/")).status_code == 404
    assert (await admin.get(f"/api/part/parameter/{parameter['pk']}/")).status_code == 404


async def test_a_part_has_one_value_per_parameter_template(admin: AsyncClient) -> None:
    parameter = await make(admin, BY_MODEL_TYPE["partparameter"])
    body = {"part": parameter["part"], "template": parameter["template"], "data": "10k"}
    response = await admin.post("/api/part/parameter/", json=body)
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["The fields part, template must make a unique set."]
    }


async def test_bom_lines_filter_by_their_components_flags(admin: AsyncClient) -> None:
    trackable = await make(admin, PART, trackable=True)
    line = await make(admin, BY_MODEL_TYPE["bomitem"], sub_part=trackable["pk"])
    untracked = await make(admin, PART, trackable=False)
    other = await make(admin, BY_MODEL_TYPE["bomitem"], sub_part=untracked["pk"])
    found = (await admin.get("/api/bom/", params={"sub_part_trackable": "true"})).json()
    assert line["pk"] in [item["pk"] for item in found]
    assert other["pk"] not in [item["pk"] for item in found]
