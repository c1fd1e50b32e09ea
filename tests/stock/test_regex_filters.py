"""GET /api/stock/?name_regex=, IPN_regex=, batch_regex=: the database's regular expressions,
ignoring case (InvenTree's iregex); a pattern that is not one is a 400, never a 500."""

from __future__ import annotations

import pytest

from tests.stock.conftest import Stock


async def pks(stock: Stock, **params: str) -> set[int]:
    response = await stock.admin.get("/api/stock/", params=params)
    assert response.status_code == 200, response.text
    return {row["pk"] for row in response.json()}


def is_sqlite(stock: Stock) -> bool:
    return bool(stock.app.state.api.databases.is_sqlite)


async def test_name_regex_matches_the_part_name_ignoring_case(stock: Stock) -> None:
    part = await stock.part(name="Rgx Resistor 4k7")
    other = await stock.part(name="Rgx Capacitor 4u7")
    kept, left = await stock.item(part=part["pk"]), await stock.item(part=other["pk"])
    found = await pks(stock, name_regex="^rgx resistor \\d+k\\d$")
    assert found == {kept["pk"]}
    assert left["pk"] not in found


async def test_ipn_regex_matches_the_part_ipn_anywhere(stock: Stock) -> None:
    part = await stock.part(name="Rgx IPN one", IPN="RGX-0042-B")
    other = await stock.part(name="Rgx IPN two", IPN="RGX-42B")
    without = await stock.part(name="Rgx IPN none")
    kept = await stock.item(part=part["pk"])
    left = [await stock.item(part=other["pk"]), await stock.item(part=without["pk"])]
    found = await pks(stock, IPN_regex="-00\\d\\d-b")
    assert found == {kept["pk"]}
    assert not {item["pk"] for item in left} & found


async def test_batch_regex_matches_the_batch_and_leaves_out_items_without_one(stock: Stock) -> None:
    part = await stock.part()
    kept = await stock.item(part=part["pk"], batch="LOT-2026-A")
    other = await stock.item(part=part["pk"], batch="LOT-2025-A")
    unbatched = await stock.item(part=part["pk"], batch=None)
    found = await pks(stock, part=str(part["pk"]), batch_regex="2026|2027")
    assert found == {kept["pk"]}
    assert not {other["pk"], unbatched["pk"]} & found


async def test_an_empty_pattern_filters_nothing(stock: Stock) -> None:
    part = await stock.part()
    batched = await stock.item(part=part["pk"], batch="B1")
    unbatched = await stock.item(part=part["pk"], batch=None)
    found = await pks(stock, part=str(part["pk"]), batch_regex="")
    assert found == {batched["pk"], unbatched["pk"]}


@pytest.mark.parametrize("name", ["name_regex", "IPN_regex", "batch_regex"])
async def test_a_pattern_that_does_not_compile_is_a_400_naming_it(stock: Stock, name: str) -> None:
    response = await stock.admin.get("/api/stock/", params={name: "([unclosed"})
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [name]
    assert body[name][0].startswith("Enter a valid regular expression")


async def test_a_pattern_only_python_reads_is_a_400_on_postgresql(stock: Stock) -> None:
    # A named group: Python's syntax (SQLite's), which PostgreSQL's regular expressions lack.
    part = await stock.part(name="Rgx named group")
    item = await stock.item(part=part["pk"])
    response = await stock.admin.get("/api/stock/", params={"name_regex": "(?P<word>named)"})
    if is_sqlite(stock):
        assert response.status_code == 200
        assert {row["pk"] for row in response.json()} == {item["pk"]}
    else:
        assert response.status_code == 400
        assert response.json() == {"non_field_errors": ["Enter a valid regular expression."]}


async def test_a_bulk_delete_selects_by_a_regular_expression(stock: Stock) -> None:
    # A write transaction's connection, not the raw read connection the lists use.
    part = await stock.part()
    doomed = await stock.item(part=part["pk"], batch="ZAP-1")
    kept = await stock.item(part=part["pk"], batch="KEEP-1")
    response = await stock.admin.request(
        "DELETE", "/api/stock/", json={"filters": {"batch_regex": "^zap-", "part": part["pk"]}}
    )
    assert response.status_code == 204, response.text
    assert await pks(stock, part=str(part["pk"])) == {kept["pk"]}
    assert (await stock.admin.get(f"/api/stock/{doomed['pk']}/")).status_code == 404
