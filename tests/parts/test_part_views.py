"""A part's requirements and serial numbers, moving parts between categories, and the category
tree."""

from __future__ import annotations

from httpx import AsyncClient

from tests.parts import make


async def test_requirements_sum_stock_orders_and_what_the_bom_can_build(
    admin: AsyncClient,
) -> None:
    assembly = await make.part(admin, assembly=True, salable=True)
    component = await make.part(admin)
    await make.bom_line(admin, assembly["pk"], component["pk"], 2)
    await make.stock(admin, component["pk"], 7)
    await make.stock(admin, assembly["pk"], 1)
    customer = await make.post(admin, "/api/company/", name="Req customer", is_customer=True)
    order = await make.post(admin, "/api/order/so/", customer=customer["pk"])
    await make.post(
        admin, "/api/order/so-line/", order=order["pk"], part=assembly["pk"], quantity=5
    )
    response = await admin.get(f"/api/part/{assembly['pk']}/requirements/")
    assert response.status_code == 200
    body = response.json()
    assert body["total_stock"] == 1
    assert body["can_build"] == 3
    assert body["required_for_sales_orders"] == 5
    assert body["ordering"] == 0


async def test_serial_numbers_answer_the_latest_and_the_next(admin: AsyncClient) -> None:
    part = await make.part(admin, trackable=True)
    for serial in ("7", "12", "9"):
        await make.stock(admin, part["pk"], 1, serial=serial)
    response = await admin.get(f"/api/part/{part['pk']}/serial-numbers/")
    assert response.json() == {"latest": "12", "next": "13"}


async def test_a_part_without_serials_has_no_latest(admin: AsyncClient) -> None:
    part = await make.part(admin)
    assert (await admin.get(f"/api/part/{part['pk']}/serial-numbers/")).json() == {"latest": None}


async def test_change_category_moves_the_named_parts_only(admin: AsyncClient) -> None:
    target = await make.category(admin)
    moved, kept = await make.part(admin), await make.part(admin)
    response = await admin.post(
        "/api/part/change_category/", json={"parts": [moved["pk"]], "category": target["pk"]}
    )
    assert response.status_code == 201, response.text
    assert response.json() == {"parts": [moved["pk"]], "category": target["pk"]}
    assert (await admin.get(f"/api/part/{moved['pk']}/")).json()["category"] == target["pk"]
    assert (await admin.get(f"/api/part/{kept['pk']}/")).json()["category"] is None


async def test_change_category_refuses_a_structural_category(admin: AsyncClient) -> None:
    structural = await make.category(admin, structural=True)
    part = await make.part(admin)
    response = await admin.post(
        "/api/part/change_category/", json={"parts": [part["pk"]], "category": structural["pk"]}
    )
    assert response.status_code == 400
    assert response.json() == {
        "category": ["Parts cannot be assigned to structural part categories!"]
    }


async def test_the_category_tree_lists_each_category_with_its_tree_fields(
    admin: AsyncClient,
) -> None:
    top = await make.category(admin, name="Tree top")
    child = await make.category(admin, name="Tree child", parent=top["pk"])
    response = await admin.get("/api/part/category/tree/", params={"limit": 500})
    assert response.status_code == 200
    rows = {row["pk"]: row for row in response.json()["results"]}
    assert rows[top["pk"]] == {
        "pk": top["pk"],
        "name": "Tree top",
        "parent": None,
        "icon": "",
        "structural": False,
        "subcategories": 1,
    }
    assert rows[child["pk"]]["parent"] == top["pk"]


async def test_scheduling_lists_incoming_and_outgoing_stock_by_date(admin: AsyncClient) -> None:
    part = await make.part(admin, salable=True, assembly=True)
    customer = await make.post(admin, "/api/company/", name="Sched customer", is_customer=True)
    order = await make.post(admin, "/api/order/so/", customer=customer["pk"])
    await make.post(
        admin,
        "/api/order/so-line/",
        order=order["pk"],
        part=part["pk"],
        quantity=5,
        target_date="2030-01-02",
    )
    build = await make.post(
        admin, "/api/build/", part=part["pk"], quantity=8, title="Sched", target_date="2030-01-01"
    )
    response = await admin.get(f"/api/part/{part['pk']}/scheduling/")
    assert response.status_code == 200
    assert [
        (row["date"], row["quantity"], row["model"], row["model_id"]) for row in response.json()
    ] == [
        ("2030-01-01", 8, "build", build["pk"]),
        ("2030-01-02", -5, "salesorder", order["pk"]),
    ]
