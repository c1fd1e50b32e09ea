"""Numbers a column cannot hold are a 400 in every numeric field, never stored as Infinity (read
back as null) and never a database error (issue #12)."""

import pytest

from tests.conftest import Client


async def make_part(client: Client) -> int:
    response = await client.post("/api/part/", json={"name": "Bolt"})
    assert response.status_code == 201, response.text
    return int(response.json()["pk"])


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1e309"])
async def test_a_float_field_refuses_a_number_beyond_floats(client: Client, number: str) -> None:
    pk = await make_part(client)
    response = await client.patch(f"/api/part/{pk}/", json={"minimum_stock": number})
    assert response.status_code == 400
    assert response.json() == {"minimum_stock": ["A valid number is required."]}
    assert (await client.get(f"/api/part/{pk}/")).json()["minimum_stock"] == 0


async def test_a_float_field_refuses_a_form_number_beyond_floats(client: Client) -> None:
    pk = await make_part(client)
    response = await client.patch(f"/api/part/{pk}/", data={"minimum_stock": "1e400"})
    assert response.status_code == 400
    assert response.json() == {"minimum_stock": ["A valid number is required."]}


async def test_a_float_field_keeps_a_large_finite_number(client: Client) -> None:
    pk = await make_part(client)
    response = await client.patch(f"/api/part/{pk}/", json={"minimum_stock": "1e300"})
    assert response.status_code == 200, response.text
    assert (await client.get(f"/api/part/{pk}/")).json()["minimum_stock"] == 1e300


@pytest.mark.parametrize("number", ["1e400", "1e10", "-12345678901"])
async def test_a_decimal_field_refuses_more_digits_than_its_column(
    client: Client, number: str
) -> None:
    part = await make_part(client)
    response = await client.post(
        "/api/part/sale-price/", json={"part": part, "quantity": 1, "price": number}
    )
    assert response.status_code == 400
    assert response.json() == {
        "price": ["Ensure that there are no more than 10 digits before the decimal point."]
    }


async def test_a_decimal_field_keeps_ten_digits(client: Client) -> None:
    part = await make_part(client)
    response = await client.post(
        "/api/part/sale-price/", json={"part": part, "quantity": 1, "price": "9999999999.5"}
    )
    assert response.status_code == 201, response.text
    assert float(response.json()["price"]) == 9999999999.5
