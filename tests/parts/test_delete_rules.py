"""Deleting parts: InvenTree refuses an active part and a part used in an assembly's BOM."""

from __future__ import annotations

from httpx import AsyncClient

from tests.parts import make


async def test_an_active_part_cannot_be_deleted(admin: AsyncClient) -> None:
    part = await make.part(admin, active=True)
    response = await admin.delete(f"/api/part/{part['pk']}/")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Cannot delete this part as it is still active"]
    }
    assert (await admin.get(f"/api/part/{part['pk']}/")).status_code == 200


async def test_a_part_used_in_a_bom_cannot_be_deleted(admin: AsyncClient) -> None:
    assembly = await make.part(admin, assembly=True, active=False)
    component = await make.part(admin, active=False)
    await make.bom_line(admin, assembly["pk"], component["pk"])
    response = await admin.delete(f"/api/part/{component['pk']}/")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Cannot delete this part as it is used in an assembly"]
    }


async def test_an_inactive_unused_part_is_deleted_with_its_bom(admin: AsyncClient) -> None:
    assembly = await make.part(admin, assembly=True, active=False)
    component = await make.part(admin, active=False)
    line = await make.bom_line(admin, assembly["pk"], component["pk"])
    assert (await admin.delete(f"/api/part/{assembly['pk']}/")).status_code == 204
    assert (await admin.get(f"/api/part/{assembly['pk']}/")).status_code == 404
    assert (await admin.get(f"/api/bom/{line['pk']}/")).status_code == 404
    assert (await admin.get(f"/api/part/{component['pk']}/")).status_code == 200


async def test_a_missing_part_is_404(admin: AsyncClient) -> None:
    assert (await admin.delete("/api/part/999999/")).status_code == 404


async def test_a_bulk_delete_naming_an_active_part_deletes_none(admin: AsyncClient) -> None:
    inactive = await make.part(admin, active=False)
    active = await make.part(admin, active=True)
    response = await admin.request(
        "DELETE", "/api/part/", json={"items": [inactive["pk"], active["pk"]]}
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Cannot delete this part as it is still active"]
    }
    assert (await admin.get(f"/api/part/{inactive['pk']}/")).status_code == 200


async def test_a_bulk_delete_of_inactive_parts_deletes_them(admin: AsyncClient) -> None:
    first, second = await make.part(admin, active=False), await make.part(admin, active=False)
    kept = await make.part(admin, active=False)
    response = await admin.request(
        "DELETE", "/api/part/", json={"items": [first["pk"], second["pk"]]}
    )
    assert response.status_code == 204
    assert (await admin.get(f"/api/part/{first['pk']}/")).status_code == 404
    assert (await admin.get(f"/api/part/{kept['pk']}/")).status_code == 200


async def test_a_viewer_cannot_delete_a_part(clients: dict[str, AsyncClient]) -> None:
    part = await make.part(clients["admin"], active=False)
    response = await clients["viewer"].delete(f"/api/part/{part['pk']}/")
    assert response.status_code == 403
