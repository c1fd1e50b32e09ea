"""GET /api/stock/?serial_gte=, serial_lte=: InvenTree compares `serial_int`, the serial's
leading digits, else its trailing digits, else 0 (an item without a serial counts as 0)."""

from __future__ import annotations

from tests.stock.conftest import Stock


async def pks(stock: Stock, **params: str) -> set[int]:
    response = await stock.admin.get("/api/stock/", params=params)
    assert response.status_code == 200, response.text
    return {row["pk"] for row in response.json()}


async def serialized(stock: Stock, *serials: str) -> tuple[int, dict[str, int]]:
    part = await stock.part(trackable=True)
    items = {}
    for serial in serials:
        items[serial] = (await stock.item(1, part=part["pk"], serial=serial))["pk"]
    return part["pk"], items


async def test_serial_gte_compares_the_leading_number(stock: Stock) -> None:
    part, items = await serialized(stock, "9", "10", "100-B", "007")
    found = await pks(stock, part=str(part), serial_gte="10")
    assert found == {items["10"], items["100-B"]}
    assert not {items["9"], items["007"]} & found


async def test_serial_lte_reads_trailing_digits_without_leading_ones(stock: Stock) -> None:
    part, items = await serialized(stock, "SN-0042", "SN-43", "A12B")
    found = await pks(stock, part=str(part), serial_lte="42")
    # "A12B" has neither leading nor trailing digits: it counts as 0.
    assert found == {items["SN-0042"], items["A12B"]}
    assert items["SN-43"] not in found


async def test_an_item_without_a_serial_counts_as_zero(stock: Stock) -> None:
    part = await stock.part()
    plain = await stock.item(part=part["pk"])
    assert await pks(stock, part=str(part["pk"]), serial_lte="0") == {plain["pk"]}
    assert await pks(stock, part=str(part["pk"]), serial_gte="1") == set()


async def test_a_serial_beyond_the_integer_range_is_clipped(stock: Stock) -> None:
    part, items = await serialized(stock, "99999999999999999999", "2147483646")
    assert await pks(stock, part=str(part), serial_gte="2147483647") == {
        items["99999999999999999999"]
    }
    assert await pks(stock, part=str(part), serial_lte="2147483646") == {items["2147483646"]}


async def test_a_serial_bound_that_is_not_a_number_is_a_400(stock: Stock) -> None:
    response = await stock.admin.get("/api/stock/", params={"serial_gte": "ten"})
    assert response.status_code == 400
    assert list(response.json()) == ["serial_gte"]
