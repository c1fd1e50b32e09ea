"""JSON sent as text in a field (a form's field_defaults, a row's data) nested deeper than any
field needs is a 400 naming the field, not a 500 (issue #12)."""

from __future__ import annotations

from tests.conftest import Client
from tests.importer.conftest import processed_session, rows_of

DEEP = "[" * 5000 + "]" * 5000


async def test_a_form_option_nested_deep_is_400(client: Client) -> None:
    response = await client.post(
        "/api/importer/session/",
        data={"model_type": "part", "field_defaults": '{"name": ' + DEEP + "}"},
        files={"data_file": ("a.csv", b"Name\nA\n")},
    )
    assert response.status_code == 400
    assert response.json() == {"field_defaults": ["Nested more than 100 levels deep."]}


async def test_a_row_edit_nested_deep_is_400(client: Client) -> None:
    session = await processed_session(client, "Name\nBolt\n")
    [row] = await rows_of(client, session["pk"])
    response = await client.patch(
        f"/api/importer/row/{row['pk']}/", data={"data": '{"name": ' + DEEP + "}"}
    )
    assert response.status_code == 400
    assert response.json() == {"data": ["Nested more than 100 levels deep."]}
