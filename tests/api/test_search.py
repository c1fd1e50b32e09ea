"""`?search=`: InvenTree's semantics (each whitespace-separated term found, case-insensitively and
anywhere, in one of the search fields; every character literal), read through the search index
(SQLite FTS5 trigram tables, PostgreSQL pg_trgm), which every kind of write keeps in step."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Client
from tests.importer.conftest import processed_session


async def make_part(client: Client, name: str, **fields: Any) -> int:
    response = await client.post("/api/part/", json={"name": name, **fields})
    assert response.status_code == 201, response.text
    return int(response.json()["pk"])


async def found(client: Client, search: str, path: str = "/api/part/", **params: Any) -> list[str]:
    response = await client.get(path, params={"search": search, **params})
    assert response.status_code == 200, response.text
    return [item.get("name", item.get("batch")) for item in response.json()]


async def test_every_term_must_be_found_in_one_of_the_fields(client: Client) -> None:
    await make_part(client, "Red Widget", description="metal")
    await make_part(client, "Red Gadget", description="plastic")
    await make_part(client, "Blue Widget", description="metal")
    assert await found(client, "red widget") == ["Red Widget"]
    # The terms may be found in different fields.
    assert await found(client, "  widget\tMETAL ", ordering="name") == ["Blue Widget", "Red Widget"]
    assert await found(client, "red green") == []


async def test_a_term_matches_any_substring_in_any_case(client: Client) -> None:
    await make_part(client, "Capacitor 100nF", IPN="CAP-0100")
    await make_part(client, "Resistor 10k", keywords="through-hole")
    assert await found(client, "ACITO") == ["Capacitor 100nF"]
    assert await found(client, "p-01") == ["Capacitor 100nF"]
    assert await found(client, "ROUGH-HO") == ["Resistor 10k"]


async def test_terms_shorter_than_a_trigram_still_match(client: Client) -> None:
    await make_part(client, "Capacitor", IPN="C1")
    await make_part(client, "Resistor", IPN="R1")
    assert await found(client, "c1") == ["Capacitor"]
    assert await found(client, "t", ordering="name") == ["Capacitor", "Resistor"]
    assert await found(client, "R1 sis") == ["Resistor"]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("%", ["50% off"]),
        ("50%", ["50% off"]),
        ("_", ["a_b"]),
        ("a_b", ["a_b"]),
        ('"', ['say "hi"']),
        ('"hi"', ['say "hi"']),
        ("'s", ["it's"]),
        ("*", ["star*"]),
        ("ar*", ["star*"]),
        ("(p)", ["(p) paren"]),
        ("x:y", ["x:y colon"]),
        ("-ed", ["dash-ed"]),
        ("AND", ["AND gate"]),
        ("\\", ["back\\slash"]),
        ("k\\s", ["back\\slash"]),
    ],
)
async def test_special_characters_are_literal(
    client: Client, term: str, expected: list[str]
) -> None:
    names = ["50% off", "a_b", 'say "hi"', "it's", "star*", "(p) paren", "x:y colon"]
    for name in [*names, "dash-ed", "AND gate", "back\\slash", "plain 50 ab"]:
        await make_part(client, name)
    assert await found(client, term) == expected


async def test_results_come_in_the_requested_order_with_their_count(client: Client) -> None:
    for name in ("Widget B", "Widget C", "Widget A", "Gadget"):
        await make_part(client, name)
    response = await client.get("/api/part/?search=widget&ordering=-name&limit=2")
    body = response.json()
    assert body["count"] == 3
    assert [item["name"] for item in body["results"]] == ["Widget C", "Widget B"]


async def test_too_many_terms_are_a_client_error(client: Client) -> None:
    response = await client.get("/api/part/", params={"search": " ".join(["term"] * 21)})
    assert response.status_code == 400
    assert response.json()["search"]


async def test_a_created_part_is_found(client: Client) -> None:
    await make_part(client, "Flux capacitor")
    assert await found(client, "flux") == ["Flux capacitor"]


async def test_an_updated_part_is_found_by_its_new_text_only(client: Client) -> None:
    pk = await make_part(client, "Old name")
    response = await client.patch(f"/api/part/{pk}/", json={"name": "Fresh name"})
    assert response.status_code == 200, response.text
    assert await found(client, "old") == []
    assert await found(client, "fresh") == ["Fresh name"]


async def test_a_deleted_part_is_not_found(client: Client) -> None:
    # An active part cannot be deleted.
    pk = await make_part(client, "Doomed part", active=False)
    await make_part(client, "Doomed twin")
    assert (await client.delete(f"/api/part/{pk}/")).status_code == 204
    assert await found(client, "doomed") == ["Doomed twin"]


async def test_bulk_deleted_stock_is_not_found(client: Client) -> None:
    part = await make_part(client, "Stocked")
    for batch in ("BATCH-1", "BATCH-2"):
        response = await client.post(
            "/api/stock/", json={"part": part, "quantity": 1, "batch": batch}
        )
        assert response.status_code == 201, response.text
    assert await found(client, "batch", "/api/stock/", ordering="batch") == ["BATCH-1", "BATCH-2"]
    items = (await client.get("/api/stock/", params={"batch": "BATCH-1"})).json()
    response = await client.request(
        "DELETE", "/api/stock/", json={"items": [item["pk"] for item in items]}
    )
    assert response.status_code == 204, response.text
    assert await found(client, "batch", "/api/stock/") == ["BATCH-2"]


async def test_parts_bulk_deleted_by_a_filter_are_not_found(client: Client) -> None:
    await make_part(client, "Inactive relic", active=False)
    await make_part(client, "Active relic")
    response = await client.request("DELETE", "/api/part/", json={"filters": {"active": False}})
    assert response.status_code == 204, response.text
    assert await found(client, "relic") == ["Active relic"]


async def test_imported_parts_are_found(client: Client) -> None:
    content = "Name,Description,IPN\nImported gizmo,From a file,GZ-1\nOther thing,,OT-1\n"
    session = await processed_session(client, content)
    rows = (await client.get(f"/api/importer/row/?session={session['pk']}&valid=true")).json()
    url = f"/api/importer/session/{session['pk']}/accept_rows/"
    accepted = await client.post(url, json={"rows": [row["pk"] for row in rows]})
    assert accepted.status_code == 201, accepted.text
    assert await found(client, "gizmo") == ["Imported gizmo"]
    assert await found(client, "gz-") == ["Imported gizmo"]
