"""Stocktake reports (`/api/part/stocktake/report/`): `generate/` queues a job that writes a CSV of
the parts in scope (a part and its variants, a category and those below it, the parts with stock
in a location and those below it), links it from a new report, and keeps a stocktake record per
part. Each test scopes its report to parts of its own, as the app is shared by the module."""

from __future__ import annotations

import csv
import io
from typing import Any

from tests.parts import make
from tests.parts.queued import Priced, priced

__all__ = ["priced"]

HEADER = [
    "Part ID",
    "Part Name",
    "Part Description",
    "Category ID",
    "Category Name",
    "Stock Items",
    "Total Quantity",
    "Total Cost Min (USD)",
    "Total Cost Max (USD)",
]


async def generate(priced: Priced, **body: Any) -> dict[str, Any] | None:
    """Generate a report and wait for its job; the newest report, None when none was made."""
    before = (await priced.client.get("/api/part/stocktake/report/")).json()
    response = await priced.client.post("/api/part/stocktake/report/generate/", json=body)
    assert response.status_code == 201, response.text
    await priced.settle()
    after = (await priced.client.get("/api/part/stocktake/report/")).json()
    if len(after) == len(before):
        return None
    assert len(after) == len(before) + 1
    return dict(after[0])


async def rows_of(priced: Priced, report: dict[str, Any]) -> list[list[str]]:
    response = await priced.client.get(report["report"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    found = list(csv.reader(io.StringIO(response.text)))
    assert found[0] == HEADER
    return found[1:]


async def records_of(priced: Priced, part: dict[str, Any]) -> list[dict[str, Any]]:
    response = await priced.client.get("/api/part/stocktake/", params={"part": part["pk"]})
    return list(response.json())


async def location(priced: Priced, **fields: Any) -> dict[str, Any]:
    return await make.post(priced.client, "/api/stock/location/", name="Shelf", **fields)


async def test_generate_answers_its_body_with_the_defaults(priced: Priced) -> None:
    part = await make.part(priced.client)
    response = await priced.client.post(
        "/api/part/stocktake/report/generate/", json={"part": part["pk"]}
    )
    assert response.status_code == 201
    assert response.json() == {
        "part": part["pk"],
        "category": None,
        "location": None,
        "exclude_external": True,
        "generate_report": True,
        "update_parts": True,
    }
    await priced.settle()


async def test_a_category_report_lists_its_parts_and_those_below_row_by_row(
    priced: Priced,
) -> None:
    client = priced.client
    top = await make.category(client)
    below = await make.category(client, parent=top["pk"])
    elsewhere = await make.category(client)
    bolt = await make.part(client, category=top["pk"], IPN="B-1", description="M6 bolt")
    nut = await make.part(client, category=below["pk"])
    await make.part(client, category=elsewhere["pk"])
    await make.stock(client, bolt["pk"], 4, purchase_price="2.5", purchase_price_currency="USD")
    await make.stock(client, bolt["pk"], 1, purchase_price="1", purchase_price_currency="USD")
    report = await generate(priced, category=top["pk"])
    assert report is not None
    assert report["part_count"] == 2
    assert report["user_detail"]["username"] == "admin"
    bolt_row = [str(bolt["pk"]), f"B-1 | {bolt['name']}", "M6 bolt", str(top["pk"]), top["name"]]
    nut_row = [str(nut["pk"]), nut["name"], "", str(below["pk"]), below["name"]]
    assert await rows_of(priced, report) == [
        [*bolt_row, "2", "5", "11", "11"],
        [*nut_row, "0", "0", "0", "0"],
    ]


async def test_an_item_without_purchase_price_is_valued_at_its_parts_pricing(
    priced: Priced,
) -> None:
    client = priced.client
    part = await make.part(client)
    await priced.internal_price(part, "3")
    await make.stock(client, part["pk"], 2)
    report = await generate(priced, part=part["pk"])
    assert report is not None
    assert (await rows_of(priced, report))[0][5:] == ["1", "2", "6", "6"]


async def test_a_part_report_includes_its_variants_only(priced: Priced) -> None:
    client = priced.client
    template = await make.part(client, is_template=True)
    variant = await make.part(client, variant_of=template["pk"])
    await make.part(client)
    report = await generate(priced, part=template["pk"])
    assert report is not None
    listed = [int(row[0]) for row in await rows_of(priced, report)]
    assert listed == [template["pk"], variant["pk"]]


async def test_a_location_report_counts_only_the_stock_inside_it(priced: Priced) -> None:
    client = priced.client
    store = await location(priced)
    shelf = await location(priced, parent=store["pk"])
    other = await location(priced)
    inside = await make.part(client)
    outside = await make.part(client)
    await make.stock(client, inside["pk"], 3, location=shelf["pk"])
    await make.stock(client, inside["pk"], 7, location=other["pk"])
    await make.stock(client, outside["pk"], 5, location=other["pk"])
    report = await generate(priced, location=store["pk"])
    assert report is not None
    rows = await rows_of(priced, report)
    assert [(int(row[0]), row[5], row[6]) for row in rows] == [(inside["pk"], "1", "3")]
    # The part's own record counts all its stock, wherever it is.
    records = await records_of(priced, inside)
    assert [(row["item_count"], row["quantity"]) for row in records] == [(2, 10.0)]
    assert await records_of(priced, outside) == []


async def test_stock_at_an_external_location_is_left_out_by_default(priced: Priced) -> None:
    client = priced.client
    external = await location(priced, external=True)
    part = await make.part(client)
    await make.stock(client, part["pk"], 2)
    await make.stock(client, part["pk"], 9, location=external["pk"])
    excluded = await generate(priced, part=part["pk"])
    included = await generate(priced, part=part["pk"], exclude_external=False)
    assert excluded is not None
    assert included is not None
    assert (await rows_of(priced, excluded))[0][5:7] == ["1", "2"]
    assert (await rows_of(priced, included))[0][5:7] == ["2", "11"]


async def test_a_record_is_kept_per_part_with_costs_in_the_base_currency(priced: Priced) -> None:
    client = priced.client
    part = await make.part(client)
    await make.stock(client, part["pk"], 2, purchase_price="1.5", purchase_price_currency="USD")
    await generate(priced, part=part["pk"])
    [record] = await records_of(priced, part)
    assert (record["item_count"], record["quantity"]) == (1, 2.0)
    assert (float(record["cost_min"]), float(record["cost_max"])) == (3.0, 3.0)
    assert record["cost_min_currency"] == "USD"
    assert record["user_detail"]["username"] == "admin"
    found = (await priced.client.get(f"/api/part/{part['pk']}/")).json()
    assert found["last_stocktake"] == record["date"]


async def test_update_parts_false_keeps_no_records(priced: Priced) -> None:
    part = await make.part(priced.client)
    report = await generate(priced, part=part["pk"], update_parts=False)
    assert report is not None
    assert await records_of(priced, part) == []


async def test_generate_report_false_keeps_records_but_no_report(priced: Priced) -> None:
    part = await make.part(priced.client)
    assert await generate(priced, part=part["pk"], generate_report=False) is None
    assert len(await records_of(priced, part)) == 1


async def test_a_scope_without_parts_makes_no_report(priced: Priced) -> None:
    empty = await make.category(priced.client)
    assert await generate(priced, category=empty["pk"]) is None


async def test_a_missing_scope_object_is_refused(priced: Priced) -> None:
    for name in ("part", "category", "location"):
        response = await priced.client.post(
            "/api/part/stocktake/report/generate/", json={name: 999999}
        )
        assert response.status_code == 400
        assert list(response.json()) == [name]


async def test_a_flag_that_is_not_a_boolean_is_refused(priced: Priced) -> None:
    response = await priced.client.post(
        "/api/part/stocktake/report/generate/", json={"update_parts": "maybe"}
    )
    assert response.status_code == 400
    assert list(response.json()) == ["update_parts"]


async def test_deleting_a_report_removes_its_file(priced: Priced) -> None:
    part = await make.part(priced.client)
    report = await generate(priced, part=part["pk"])
    assert report is not None
    deleted = await priced.client.delete(f"/api/part/stocktake/report/{report['pk']}/")
    assert deleted.status_code == 204
    assert (
        await priced.client.get(f"/api/part/stocktake/report/{report['pk']}/")
    ).status_code == 404
    assert (await priced.client.get(report["report"])).status_code == 404


async def test_a_file_name_no_report_has_is_not_found(priced: Priced) -> None:
    response = await priced.client.get(
        "/api/part/stocktake/report/file/" + "0" * 32 + "/InvenTree_Stocktake_2020-01-01.csv"
    )
    assert response.status_code == 404
    traversal = await priced.client.get("/api/part/stocktake/report/file/x/..%2F..%2Fsecret")
    assert traversal.status_code == 404
