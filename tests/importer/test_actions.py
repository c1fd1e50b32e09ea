"""accept_fields and accept_rows as declared actions: the body read field by field, a missing
session a 404, the answer in the request's dialect, the importer's own state rules kept (409)."""

from __future__ import annotations

from tests.conftest import Client
from tests.importer.conftest import mapped_session, processed_session, rows_of


async def test_accept_rows_without_rows_names_the_field(client: Client) -> None:
    session = await processed_session(client, "Name\nA\n")
    response = await client.post(f"/api/importer/session/{session['pk']}/accept_rows/", json={})
    assert response.status_code == 400
    assert response.json() == {"rows": ["This field is required."]}


async def test_accept_rows_of_a_missing_session_is_a_404(client: Client) -> None:
    response = await client.post("/api/importer/session/999999/accept_rows/", json={"rows": [1]})
    assert response.status_code == 404


async def test_accept_fields_of_a_missing_session_is_a_404(client: Client) -> None:
    response = await client.post("/api/importer/session/999999/accept_fields/")
    assert response.status_code == 404


async def test_accept_fields_answers_the_session_moved_to_processing(client: Client) -> None:
    session = await mapped_session(client, "Name\nA\n")
    response = await client.post(f"/api/importer/session/{session['pk']}/accept_fields/")
    assert response.status_code == 200
    body = response.json()
    assert (body["pk"], body["status"]) == (session["pk"], 20)
    assert [mapping["field"] for mapping in body["column_mappings"]] == [
        mapping["field"] for mapping in session["column_mappings"]
    ]


async def test_accept_rows_answers_in_the_deep_dialect(client: Client) -> None:
    session = await processed_session(client, "Name\nA\nB\n")
    ids = [row["pk"] for row in await rows_of(client, session["pk"])]
    response = await client.post(
        f"/api/v1/importer/session/{session['pk']}/accept_rows/", json={"rows": ids}
    )
    assert response.status_code == 201, response.text
    assert response.headers["x-api-dialect"] == "deep"
    assert response.json() == {"rows": ids}
    done = (await client.get(f"/api/importer/session/{session['pk']}/")).json()
    assert (done["status"], done["completed_row_count"]) == (40, 2)
