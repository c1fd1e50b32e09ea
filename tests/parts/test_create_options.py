"""Creating a part with InvenTree's create options: initial stock (with its tracking entry),
an initial supplier, the category's parameter templates, and duplicating another part."""

from __future__ import annotations

from httpx import AsyncClient

from tests.parts import make


async def test_initial_stock_makes_a_tracked_stock_item(admin: AsyncClient) -> None:
    shelf = await make.post(admin, "/api/stock/location/", name="Initial shelf")
    part = await make.part(admin, initial_stock={"quantity": 12, "location": shelf["pk"]})
    assert part["in_stock"] == 12
    [item] = (await admin.get("/api/stock/", params={"part": part["pk"]})).json()
    assert (item["quantity"], item["location"]) == (12, shelf["pk"])
    tracking = (await admin.get("/api/stock/track/", params={"item": item["pk"]})).json()
    assert [entry["tracking_type"] for entry in tracking] == [1]


async def test_zero_initial_stock_makes_no_item(admin: AsyncClient) -> None:
    part = await make.part(admin, initial_stock={"quantity": 0})
    assert (await admin.get("/api/stock/", params={"part": part["pk"]})).json() == []


async def test_initial_supplier_makes_supplier_and_manufacturer_parts(admin: AsyncClient) -> None:
    supplier = await make.post(admin, "/api/company/", name="Init supplier", is_supplier=True)
    maker = await make.post(admin, "/api/company/", name="Init maker", is_manufacturer=True)
    part = await make.part(
        admin,
        initial_supplier={
            "supplier": supplier["pk"],
            "sku": "INIT-SKU",
            "manufacturer": maker["pk"],
            "mpn": "INIT-MPN",
        },
    )
    [bought] = (await admin.get("/api/company/part/", params={"part": part["pk"]})).json()
    assert (bought["SKU"], bought["supplier"]) == ("INIT-SKU", supplier["pk"])
    [made] = (
        await admin.get("/api/company/part/manufacturer/", params={"part": part["pk"]})
    ).json()
    assert (made["MPN"], bought["manufacturer_part"]) == ("INIT-MPN", made["pk"])


async def test_a_new_part_gets_its_categorys_parameter_templates(admin: AsyncClient) -> None:
    template = await make.post(admin, "/api/part/parameter/template/", name="Voltage", units="V")
    parent = await make.category(admin)
    child = await make.category(admin, parent=parent["pk"])
    await make.post(
        admin,
        "/api/part/category/parameters/",
        category=parent["pk"],
        parameter_template=template["pk"],
        default_value="5",
    )
    part = await make.part(admin, category=child["pk"])
    skipped = await make.part(admin, category=child["pk"], copy_category_parameters=False)
    found = (await admin.get("/api/part/parameter/", params={"part": part["pk"]})).json()
    assert [(row["template"], row["data"]) for row in found] == [(template["pk"], "5")]
    assert (await admin.get("/api/part/parameter/", params={"part": skipped["pk"]})).json() == []


async def test_duplicate_copies_the_bom(admin: AsyncClient) -> None:
    original = await make.part(admin, assembly=True)
    component = await make.part(admin)
    await make.bom_line(admin, original["pk"], component["pk"], 3)
    copy = await make.part(
        admin, assembly=True, duplicate={"part": original["pk"], "copy_bom": True}
    )
    lines = (await admin.get("/api/bom/", params={"part": copy["pk"]})).json()
    assert [(line["sub_part"], line["quantity"]) for line in lines] == [(component["pk"], 3)]


async def test_a_bad_option_refuses_the_create_and_leaves_no_part(admin: AsyncClient) -> None:
    before = (await admin.get("/api/part/", params={"limit": 1})).json()["count"]
    response = await admin.post(
        "/api/part/", json={"name": "Refused", "initial_stock": {"quantity": 1, "location": 999999}}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["initial_stock"]
    assert (await admin.get("/api/part/", params={"limit": 1})).json()["count"] == before
