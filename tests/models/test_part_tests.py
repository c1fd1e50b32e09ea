"""Part test templates: the key derived from the test's name, unique per part."""

from __future__ import annotations

from httpx import AsyncClient

from storeroom.models.registry import BY_MODEL_TYPE
from tests.models.make import make

PART, TEMPLATE = BY_MODEL_TYPE["part"], BY_MODEL_TYPE["parttesttemplate"]


async def test_a_template_key_is_its_name_without_spaces_or_symbols(admin: AsyncClient) -> None:
    template = await make(admin, TEMPLATE, test_name="Voltage Check #1")
    assert template["key"] == "voltagecheck1"


async def test_a_key_that_would_start_with_a_digit_starts_with_an_underscore(
    admin: AsyncClient,
) -> None:
    template = await make(admin, TEMPLATE, test_name="5V rail")
    assert template["key"] == "_5vrail"


async def test_renaming_a_test_changes_its_key(admin: AsyncClient) -> None:
    template = await make(admin, TEMPLATE, test_name="Old name")
    response = await admin.patch(
        f"/api/part/test-template/{template['pk']}/", json={"test_name": "New name"}
    )
    assert response.json()["key"] == "newname"


async def test_two_tests_of_a_part_may_not_share_a_key(admin: AsyncClient) -> None:
    part = await make(admin, PART)
    await make(admin, TEMPLATE, part=part["pk"], test_name="Leak test")
    response = await admin.post(
        "/api/part/test-template/", json={"part": part["pk"], "test_name": "leak-test"}
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The fields part, key must make a unique set."]}


async def test_a_template_counts_its_results(admin: AsyncClient) -> None:
    template = await make(admin, TEMPLATE)
    await make(admin, BY_MODEL_TYPE["stockitemtestresult"], template=template["pk"])
    found = (await admin.get(f"/api/part/test-template/{template['pk']}/")).json()
    assert found["results"] == 1


async def test_has_results_lists_only_templates_with_results(admin: AsyncClient) -> None:
    tested, untested = await make(admin, TEMPLATE), await make(admin, TEMPLATE)
    await make(admin, BY_MODEL_TYPE["stockitemtestresult"], template=tested["pk"])
    listed = (await admin.get("/api/part/test-template/", params={"has_results": "true"})).json()
    assert tested["pk"] in [item["pk"] for item in listed]
    assert untested["pk"] not in [item["pk"] for item in listed]
