"""Unique sets of every shape are checked against the table and inside the file."""

from __future__ import annotations

from tests.conftest import Client
from tests.importer.conftest import processed_session, rows_of


async def test_a_unique_field_is_checked_against_the_table_and_the_file(client: Client) -> None:
    created = await client.post("/api/project-code/", json={"code": "P-1"})
    assert created.status_code == 201, created.text
    content = "Code,Description\nP-1,taken\nP-2,new\nP-2,again\n"
    session = await processed_session(client, content, model_type="projectcode")
    rows = await rows_of(client, session["pk"])
    assert [row["valid"] for row in rows] == [False, True, False]
    assert rows[0]["errors"] == {"code": ["Project Code with this code already exists."]}
    assert rows[2]["errors"] == {
        "code": ["Project Code with this code already exists. (duplicate of row 2)"]
    }


async def test_a_unique_set_with_a_number_is_checked_against_the_table(client: Client) -> None:
    part = (await client.post("/api/part/", json={"name": "Bolt"})).json()["pk"]
    created = await client.post("/api/part/sale-price/", json={"part": part, "quantity": 10})
    assert created.status_code == 201, created.text
    content = f"Part,Quantity\n{part},10\n{part},20\n{part},20.0\n"
    session = await processed_session(client, content, model_type="partsellpricebreak")
    rows = await rows_of(client, session["pk"])
    assert [row["valid"] for row in rows] == [False, True, False]
    message = "The fields part, quantity must make a unique set."
    assert rows[0]["errors"] == {"non_field_errors": [message]}
    assert rows[2]["errors"] == {"non_field_errors": [f"{message} (duplicate of row 2)"]}
