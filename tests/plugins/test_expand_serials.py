"""The built-in `expand-serials` action: a serial-number expression into the list of serials."""

import pytest

from tests.conftest import Client


async def expand(client: Client, serials: object, quantity: object = None) -> tuple[int, object]:
    data = {"serials": serials} if quantity is None else {"serials": serials, "quantity": quantity}
    response = await client.post("/api/action/", json={"action": "expand-serials", "data": data})
    body = response.json()
    return response.status_code, body["result"] if response.status_code == 200 else body


@pytest.mark.parametrize(
    ("expression", "serials"),
    [
        ("7", ["7"]),
        ("A-12, B7", ["A-12", "B7"]),
        ("1-3, 8", ["1", "2", "3", "8"]),
        ("008-011", ["008", "009", "010", "011"]),
        ("10+2", ["10", "11", "12"]),
        ("4 2,9", ["4", "2", "9"]),
    ],
)
async def test_an_expression_expands_in_order(
    client: Client, expression: str, serials: list[str]
) -> None:
    assert await expand(client, expression) == (200, {"serials": serials, "quantity": len(serials)})


async def test_an_open_ended_group_fills_the_quantity(client: Client) -> None:
    assert await expand(client, "1, 20+", quantity=4) == (
        200,
        {"serials": ["1", "20", "21", "22"], "quantity": 4},
    )


async def test_an_open_ended_group_without_quantity_is_400(client: Client) -> None:
    assert await expand(client, "20+") == (
        400,
        {"serials": ["20+ needs a quantity to know where to stop."]},
    )


async def test_a_count_that_differs_from_the_quantity_is_400(client: Client) -> None:
    assert await expand(client, "1-3", quantity=2) == (
        400,
        {"serials": ["Number of unique serial numbers (3) must match quantity (2)."]},
    )


async def test_every_problem_of_an_expression_is_listed(client: Client) -> None:
    assert await expand(client, "5-3, 1, 1") == (
        400,
        {"serials": ["Invalid group range: 5-3.", "Duplicate serial number: 1."]},
    )


async def test_a_range_over_the_limit_is_refused_before_it_is_expanded(client: Client) -> None:
    assert await expand(client, "1-999999999999") == (
        400,
        {"serials": ["1-999999999999 has more than 1000 serial numbers."]},
    )


async def test_an_empty_expression_is_400(client: Client) -> None:
    assert await expand(client, " , ") == (400, {"serials": ["Empty serial number string."]})


async def test_a_quantity_that_is_not_a_number_is_400(client: Client) -> None:
    assert await expand(client, "1", quantity="many") == (
        400,
        {"quantity": ["A valid integer is required."]},
    )


async def test_missing_serials_is_400(client: Client) -> None:
    response = await client.post(
        "/api/action/", json={"action": "expand-serials", "data": {"quantity": 2}}
    )
    assert response.status_code == 400
    assert response.json() == {"serials": ["This field is required."]}
