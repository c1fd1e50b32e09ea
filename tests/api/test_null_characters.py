"""A null character in client text is a 400 everywhere (DRF's rule; PostgreSQL cannot store one),
never a 500, whichever way it arrives."""

from __future__ import annotations

from tests.conftest import Client

NULL = "Null characters are not allowed."


async def test_a_text_field_with_a_null_character_is_refused_in_json(client: Client) -> None:
    response = await client.post("/api/company/", json={"name": "Acme\x00Corp", "currency": "EUR"})
    assert response.status_code == 400
    assert response.json() == {"name": [NULL]}
    assert (await client.get("/api/company/")).json() == []


async def test_a_text_field_with_a_null_character_is_refused_in_a_form(client: Client) -> None:
    response = await client.post(
        "/api/company/", files={"name": (None, b"Acme\x00Corp"), "currency": (None, b"EUR")}
    )
    assert response.status_code == 400
    assert response.json() == {"name": [NULL]}
    assert (await client.get("/api/company/")).json() == []


async def test_an_update_with_a_null_character_changes_nothing(client: Client) -> None:
    created = await client.post("/api/company/", json={"name": "Acme", "currency": "EUR"})
    assert created.status_code == 201
    url = f"/api/company/{created.json()['pk']}/"
    refused = await client.patch(url, json={"name": "Ac\x00me", "description": "new"})
    assert refused.status_code == 400
    assert refused.json() == {"name": [NULL]}
    kept = (await client.get(url)).json()
    assert (kept["name"], kept["description"]) == ("Acme", "")


async def test_a_search_or_filter_with_a_null_character_is_refused(client: Client) -> None:
    searched = await client.get("/api/company/", params={"search": "Ac\x00me"})
    assert searched.status_code == 400
    assert searched.json() == {"search": [NULL]}
    filtered = await client.get("/api/company/", params={"name": "Ac\x00me"})
    assert filtered.status_code == 400
    assert filtered.json() == {"name": [NULL]}


async def test_metadata_with_a_null_character_is_never_a_server_error(client: Client) -> None:
    created = await client.post("/api/company/", json={"name": "Acme", "currency": "EUR"})
    url = f"/api/company/{created.json()['pk']}/metadata/"
    response = await client.patch(url, json={"metadata": {"key\x00": "va\x00lue"}})
    assert response.status_code in {200, 400}, response.text
    if response.status_code == 400:
        assert response.json() == {"non_field_errors": [NULL]}
    assert (await client.get("/api/error-report/")).json() == []
