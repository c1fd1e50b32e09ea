"""Other model types through the same workflow, and the list of importable models."""

from __future__ import annotations

from tests.conftest import Client
from tests.importer.conftest import processed_session, rows_of


async def accept_all(client: Client, session: dict[str, object]) -> None:
    rows = await rows_of(client, int(session["pk"]))  # type: ignore[call-overload]
    assert all(row["valid"] for row in rows), rows
    response = await client.post(
        f"/api/importer/session/{session['pk']}/accept_rows/",
        json={"rows": [row["pk"] for row in rows]},
    )
    assert response.status_code == 201, response.text


async def test_stock_locations_import_below_a_parent_given_by_path(client: Client) -> None:
    store = (await client.post("/api/stock/location/", json={"name": "Store"})).json()
    await client.post("/api/stock/location/", json={"name": "Room 1", "parent": store["pk"]})
    session = await processed_session(
        client, "Name,Parent\nShelf A,Store/Room 1\nShelf B,Store\n", model_type="stocklocation"
    )
    await accept_all(client, session)
    locations = (await client.get("/api/stock/location/?ordering=pathstring")).json()
    assert [location["pathstring"] for location in locations] == [
        "Store",
        "Store/Room 1",
        "Store/Room 1/Shelf A",
        "Store/Shelf B",
    ]


async def test_companies_import_with_their_flags(client: Client) -> None:
    session = await processed_session(
        client,
        "Name,Email,Is Supplier,Currency\nACME,sales@acme.test,yes,EUR\nInitech,,no,USD\n",
        model_type="company",
    )
    await accept_all(client, session)
    companies = (await client.get("/api/company/?ordering=name")).json()
    assert [(c["name"], c["is_supplier"], c["currency"]) for c in companies] == [
        ("ACME", True, "EUR"),
        ("Initech", False, "USD"),
    ]


async def test_stock_items_reference_parts_by_ipn(client: Client) -> None:
    part = (await client.post("/api/part/", json={"name": "Bolt", "IPN": "B-1"})).json()
    session = await processed_session(client, "Part,Quantity\nB-1,25\n", model_type="stockitem")
    await accept_all(client, session)
    [item] = (await client.get("/api/stock/")).json()
    assert (item["part"], item["quantity"]) == (part["pk"], 25)


async def test_field_filters_restrict_related_objects(client: Client) -> None:
    template = (await client.post("/api/part/", json={"name": "Chair", "is_template": True})).json()
    await client.post("/api/part/", json={"name": "Table"})
    session = await processed_session(
        client,
        "Name,Variant Of\nChair red,Chair\nTable red,Table\n",
        field_filters={"variant_of": {"is_template": True}},
    )
    first, second = await rows_of(client, session["pk"])
    assert first["data"]["variant_of"] == template["pk"]
    assert second["errors"]["variant_of"] == ['No Part matches "Table" within the allowed choices.']


async def test_models_lists_every_importable_model(client: Client) -> None:
    response = await client.get("/api/importer/models/")
    assert response.status_code == 200
    found = {model["model_type"]: model for model in response.json()}
    assert found["part"] == {
        "model_type": "part",
        "serializer": "PartSerializer",
        "api_url": "/api/part/",
    }
    assert {"stocklocation", "company", "partcategory", "bomitem"} <= set(found)
