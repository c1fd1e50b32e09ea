"""The whole workflow: upload, automatic mapping, accept_fields, review, accept_rows."""

from __future__ import annotations

from tests.conftest import Client
from tests.importer.conftest import PART_CSV, make_category, processed_session, rows_of


async def test_parts_import_with_categories_by_name_and_path(client: Client) -> None:
    electronics = await make_category(client, "Electronics")
    capacitors = await make_category(client, "Capacitors", electronics)
    session = await processed_session(client, PART_CSV)
    assert session["status"] == 30
    assert session["row_count"] == 2
    assert session["columns"] == ["Name", "Description", "Category", "IPN", "Active"]
    mapped = {m["field"]: m["column"] for m in session["column_mappings"]}
    assert mapped["name"] == "Name"
    assert mapped["category"] == "Category"
    assert mapped["assembly"] == ""
    rows = await rows_of(client, session["pk"])
    assert [row["valid"] for row in rows] == [True, True]
    assert rows[0]["row_data"]["Category"] == "Electronics"
    assert rows[0]["data"]["category"] == electronics
    assert rows[1]["data"]["category"] == capacitors
    assert rows[1]["data"]["active"] is False
    accepted = await client.post(
        f"/api/importer/session/{session['pk']}/accept_rows/",
        json={"rows": [row["pk"] for row in rows]},
    )
    assert accepted.status_code == 201, accepted.text
    assert accepted.json() == {"rows": [row["pk"] for row in rows]}
    done = (await client.get(f"/api/importer/session/{session['pk']}/")).json()
    assert (done["status"], done["completed_row_count"]) == (40, 2)
    parts = (await client.get("/api/part/?ordering=name")).json()
    assert [(p["name"], p["category"], p["active"]) for p in parts] == [
        ("Capacitor 1u", capacitors, False),
        ("Resistor 10k", electronics, True),
    ]
