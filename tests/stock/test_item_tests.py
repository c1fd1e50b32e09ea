"""GET /api/stock/ and /api/stock/{id}/ with `tests=true`: each item's test results, as
/api/stock/test/ shows them, in the order recorded; absent unless asked for."""

from __future__ import annotations

from typing import Any

from storeroom.models.registry import BY_MODEL_TYPE
from tests.models.make import make
from tests.stock.conftest import Stock

RESULT = BY_MODEL_TYPE["stockitemtestresult"]


async def record(stock: Stock, item: dict[str, Any], value: str) -> dict[str, Any]:
    return await make(stock.admin, RESULT, stock_item=item["pk"], value=value, template=None)


async def test_the_detail_lists_the_items_results_as_the_test_list_does(stock: Stock) -> None:
    item = await stock.item()
    first, second = await record(stock, item, "3.3V"), await record(stock, item, "5V")
    listed = (await stock.admin.get(f"/api/stock/test/?stock_item={item['pk']}")).json()
    found = (await stock.admin.get(f"/api/stock/{item['pk']}/?tests=true")).json()
    assert [result["pk"] for result in found["tests"]] == [first["pk"], second["pk"]]
    by_pk = {result["pk"]: result for result in listed}
    assert found["tests"] == [by_pk[first["pk"]], by_pk[second["pk"]]]


async def test_each_item_in_the_list_has_only_its_own_results(stock: Stock) -> None:
    part = await stock.part()
    tested, untested = await stock.item(part=part["pk"]), await stock.item(part=part["pk"])
    result = await record(stock, tested, "ok")
    for query in ("limit=10", ""):
        response = await stock.admin.get(f"/api/stock/?part={part['pk']}&tests=true&{query}")
        rows = response.json()["results"] if query else response.json()
        tests = {row["pk"]: [found["pk"] for found in row["tests"]] for row in rows}
        assert tests == {tested["pk"]: [result["pk"]], untested["pk"]: []}


async def test_tests_are_absent_unless_asked_for(stock: Stock) -> None:
    item = await stock.item()
    await record(stock, item, "x")
    assert "tests" not in (await stock.admin.get(f"/api/stock/{item['pk']}/")).json()
    assert "tests" not in (await stock.admin.get(f"/api/stock/{item['pk']}/?tests=0")).json()


async def test_a_tests_value_that_is_not_a_boolean_is_a_400(stock: Stock) -> None:
    response = await stock.admin.get("/api/stock/?tests=all")
    assert response.status_code == 400
    assert list(response.json()) == ["tests"]
