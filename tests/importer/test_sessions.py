"""Session list, detail, changes and deletion; permissions and tenant isolation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from tests.conftest import Client
from tests.importer.conftest import PART_CSV, mapped_session, processed_session, upload


async def test_sessions_page_and_filter(client: Client) -> None:
    await mapped_session(client, "Name\nA\n")
    await mapped_session(client, "Name\nA\n", model_type="company")
    page = (await client.get("/api/importer/session/?limit=1&model_type=company")).json()
    assert page["count"] == 1
    [session] = page["results"]
    assert (session["model_type"], session["user_detail"]["username"]) == ("company", "admin")
    assert session["data_file"] == "/media/import/parts.csv"
    assert len((await client.get("/api/importer/session/")).json()) == 2


async def test_session_options_change_until_fields_are_accepted(client: Client) -> None:
    session = await mapped_session(client, "Name\nA\n")
    url = f"/api/importer/session/{session['pk']}/"
    response = await client.patch(url, json={"field_defaults": {"units": "kg"}})
    assert response.status_code == 200
    assert response.json()["field_defaults"] == {"units": "kg"}
    await client.post(url + "accept_fields/")
    late = await client.patch(url, json={"field_defaults": {"units": "g"}})
    assert late.status_code == 409


async def test_deleting_a_session_deletes_its_rows(client: Client) -> None:
    session = await processed_session(client, "Name\nA\n")
    assert (await client.delete(f"/api/importer/session/{session['pk']}/")).status_code == 204
    assert (await client.get(f"/api/importer/session/{session['pk']}/")).status_code == 404
    assert (await client.get(f"/api/importer/row/?session={session['pk']}")).json() == []
    bulk = await client.request("DELETE", "/api/importer/session/", json={"items": [1, 2]})
    assert bulk.status_code == 204


async def test_another_tenants_sessions_and_rows_are_invisible(
    client: Client, login_as: Callable[..., Awaitable[Client]]
) -> None:
    session = await processed_session(client, PART_CSV.replace("Electronics/Capacitors", ""))
    other = await login_as("stranger", account="other", is_superuser=True)
    try:
        assert (await other.get(f"/api/importer/session/{session['pk']}/")).status_code == 404
        assert (await other.get("/api/importer/session/")).json() == []
        assert (await other.get("/api/importer/row/")).json() == []
        accept = await other.post(
            f"/api/importer/session/{session['pk']}/accept_rows/", json={"rows": [1]}
        )
        assert accept.status_code == 404
        row = await other.patch("/api/importer/row/1/", json={"data": {"name": "x"}})
        assert row.status_code == 404
    finally:
        await other.aclose()


async def test_a_user_without_add_permission_on_the_model_is_refused(
    login_as: Callable[..., Awaitable[Client]],
) -> None:
    viewer = await login_as("viewer")
    try:
        response = await upload(viewer, "Name\nA\n")
        assert response.status_code == 403
        assert response.json()["detail"]
    finally:
        await viewer.aclose()


async def test_anonymous_is_refused(anonymous: Client) -> None:
    assert (await anonymous.get("/api/importer/session/")).status_code == 401
