"""BOM lines: availability with substitutes and variants, can_build, the `uses` filter,
validation of a line and of a whole BOM (its checksum), and copying a BOM."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.parts import make


async def line_of(client: AsyncClient, pk: int) -> dict[str, Any]:
    response = await client.get(f"/api/bom/{pk}/")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_available_stock_counts_component_variants_and_substitutes(
    admin: AsyncClient,
) -> None:
    assembly = await make.part(admin, assembly=True)
    component = await make.part(admin, is_template=True)
    variant = await make.part(admin, variant_of=component["pk"])
    substitute = await make.part(admin)
    line = await make.bom_line(admin, assembly["pk"], component["pk"], 2, allow_variants=True)
    await make.post(admin, "/api/bom/substitute/", bom_item=line["pk"], part=substitute["pk"])
    await make.stock(admin, component["pk"], 3)
    await make.stock(admin, variant["pk"], 4)
    await make.stock(admin, substitute["pk"], 5)
    found = await line_of(admin, line["pk"])
    assert found["available_stock"] == 3
    assert found["available_variant_stock"] == 4
    assert found["available_substitute_stock"] == 5
    assert found["can_build"] == 6


async def test_variant_stock_counts_only_where_the_line_allows_variants(
    admin: AsyncClient,
) -> None:
    assembly = await make.part(admin, assembly=True)
    component = await make.part(admin, is_template=True)
    variant = await make.part(admin, variant_of=component["pk"])
    line = await make.bom_line(admin, assembly["pk"], component["pk"], allow_variants=False)
    await make.stock(admin, variant["pk"], 4)
    found = await line_of(admin, line["pk"])
    assert (found["available_variant_stock"], found["can_build"]) == (0, 0)


async def test_bom_list_filters_by_available_stock(admin: AsyncClient) -> None:
    assembly = await make.part(admin, assembly=True)
    stocked, empty = await make.part(admin), await make.part(admin)
    available = await make.bom_line(admin, assembly["pk"], stocked["pk"])
    missing = await make.bom_line(admin, assembly["pk"], empty["pk"])
    await make.stock(admin, stocked["pk"], 1)
    found = await make.pks(admin, "/api/bom/", part=assembly["pk"], available_stock="true")
    assert found == {available["pk"]}
    assert missing["pk"] not in found


async def test_uses_keeps_lines_of_the_component_or_its_substitute(admin: AsyncClient) -> None:
    assembly = await make.part(admin, assembly=True)
    component, substitute_part, other = [await make.part(admin) for _ in range(3)]
    direct = await make.bom_line(admin, assembly["pk"], component["pk"])
    substituted = await make.bom_line(admin, assembly["pk"], other["pk"])
    await make.post(
        admin, "/api/bom/substitute/", bom_item=substituted["pk"], part=substitute_part["pk"]
    )
    assert await make.pks(admin, "/api/bom/", uses=substitute_part["pk"]) == {substituted["pk"]}
    assert direct["pk"] not in await make.pks(admin, "/api/bom/", uses=substitute_part["pk"])


async def test_a_substitute_is_unique_per_line(admin: AsyncClient) -> None:
    line = await make.bom_line(
        admin, (await make.part(admin))["pk"], (await make.part(admin))["pk"]
    )
    spare = await make.part(admin)
    await make.post(admin, "/api/bom/substitute/", bom_item=line["pk"], part=spare["pk"])
    again = await admin.post(
        "/api/bom/substitute/", json={"bom_item": line["pk"], "part": spare["pk"]}
    )
    assert again.status_code == 400
    assert again.json() == {
        "non_field_errors": ["The fields part, bom_item must make a unique set."]
    }


async def test_validating_a_line_sets_its_flag(admin: AsyncClient) -> None:
    line = await make.bom_line(
        admin, (await make.part(admin))["pk"], (await make.part(admin))["pk"]
    )
    response = await admin.put(f"/api/bom/{line['pk']}/validate/", json={"valid": True})
    assert response.status_code == 200
    assert response.json() == {"valid": True}
    assert (await line_of(admin, line["pk"]))["validated"] is True


async def test_validating_a_whole_bom_validates_every_line(admin: AsyncClient) -> None:
    assembly = await make.part(admin, assembly=True)
    lines = [
        await make.bom_line(admin, assembly["pk"], (await make.part(admin))["pk"]) for _ in range(2)
    ]
    before = (await admin.get(f"/api/part/{assembly['pk']}/bom-validate/")).json()
    response = await admin.put(f"/api/part/{assembly['pk']}/bom-validate/", json={"valid": True})
    assert response.status_code == 200
    assert response.json() == before
    assert len(before["checksum"]) == 32
    for line in lines:
        assert (await line_of(admin, line["pk"]))["validated"] is True
    assert assembly["pk"] in await make.pks(admin, "/api/part/", bom_valid="true")


async def test_validating_a_bom_needs_valid_true(admin: AsyncClient) -> None:
    assembly = await make.part(admin, assembly=True)
    response = await admin.put(f"/api/part/{assembly['pk']}/bom-validate/", json={})
    assert response.status_code == 400
    assert response.json() == {"valid": ["This option must be selected"]}


async def test_the_checksum_changes_with_a_line(admin: AsyncClient) -> None:
    assembly = await make.part(admin, assembly=True)
    line = await make.bom_line(admin, assembly["pk"], (await make.part(admin))["pk"])
    url = f"/api/part/{assembly['pk']}/bom-validate/"
    before = (await admin.get(url)).json()["checksum"]
    await admin.patch(f"/api/bom/{line['pk']}/", json={"quantity": 3})
    assert (await admin.get(url)).json()["checksum"] != before


async def test_copying_a_bom_copies_lines_and_substitutes(admin: AsyncClient) -> None:
    source = await make.part(admin, assembly=True)
    target = await make.part(admin, assembly=True)
    component, spare = await make.part(admin), await make.part(admin)
    line = await make.bom_line(admin, source["pk"], component["pk"], 4, reference="R1")
    await make.post(admin, "/api/bom/substitute/", bom_item=line["pk"], part=spare["pk"])
    old = await make.bom_line(admin, target["pk"], (await make.part(admin))["pk"])
    response = await admin.post(f"/api/part/{target['pk']}/bom-copy/", json={"part": source["pk"]})
    assert response.status_code == 201, response.text
    copied = (await admin.get("/api/bom/", params={"part": target["pk"]})).json()
    assert [(row["sub_part"], row["quantity"], row["reference"]) for row in copied] == [
        (component["pk"], 4, "R1")
    ]
    assert old["sub_part"] not in [row["sub_part"] for row in copied]
    substitutes = (
        await admin.get("/api/bom/substitute/", params={"bom_item": copied[0]["pk"]})
    ).json()
    assert [row["part"] for row in substitutes] == [spare["pk"]]


async def test_copying_a_bom_from_a_missing_part_answers_400(admin: AsyncClient) -> None:
    target = await make.part(admin, assembly=True)
    response = await admin.post(f"/api/part/{target['pk']}/bom-copy/", json={"part": 999999})
    assert response.status_code == 400
    assert response.json() == {"part": ['Invalid pk "999999" - object does not exist.']}
