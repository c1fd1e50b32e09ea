"""Column mappings: automatic matching, fixing them with PATCH, and the required-field rule."""

from __future__ import annotations

from tests.conftest import Client
from tests.importer.conftest import mapped_session, processed_session, rows_of


async def test_columns_match_by_label_case_space_and_alias(client: Client) -> None:
    session = await mapped_session(
        client, "part name,MINIMUM  STOCK,Internal Part Number,name\nA,1,X,B\n"
    )
    mapped = {m["field"]: m["column"] for m in session["column_mappings"] if m["column"]}
    # The exact field name wins over the looser "part name"; each column is used once.
    assert mapped == {
        "name": "name",
        "minimum_stock": "MINIMUM  STOCK",
        "IPN": "Internal Part Number",
    }


async def test_available_fields_describe_the_model(client: Client) -> None:
    session = await mapped_session(client, "Name\nA\n")
    fields = session["available_fields"]
    assert fields["name"] == {
        "type": "string",
        "required": True,
        "read_only": False,
        "label": "Name",
        "max_length": 100,
    }
    assert fields["category"]["type"] == "related field"
    assert fields["category"]["model"] == "partcategory"
    assert fields["category"]["api_url"] == "/api/part/category/"
    assert fields["active"]["default"] is True
    assert "pk" not in fields
    assert "creation_date" not in fields


async def test_a_mapping_is_fixed_with_patch(client: Client) -> None:
    session = await mapped_session(client, "Title,Notes\nWidget,Blue\n")
    by_field = {m["field"]: m for m in session["column_mappings"]}
    assert by_field["name"]["column"] == ""
    response = await client.patch(
        f"/api/importer/column-mapping/{by_field['name']['pk']}/", json={"column": "Title"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["column"] == "Title"
    listed = (await client.get(f"/api/importer/column-mapping/?session={session['pk']}")).json()
    assert {m["field"]: m["column"] for m in listed}["name"] == "Title"


async def test_a_mapping_to_a_column_the_file_lacks_is_a_400(client: Client) -> None:
    session = await mapped_session(client, "Name\nA\n")
    pk = session["column_mappings"][0]["pk"]
    response = await client.patch(f"/api/importer/column-mapping/{pk}/", json={"column": "Nope"})
    assert response.status_code == 400
    assert response.json()["column"] == ['"Nope" is not a column of the file.']


async def test_required_field_unmapped_is_a_400_naming_it(client: Client) -> None:
    session = await mapped_session(client, "Title\nWidget\n")
    response = await client.post(f"/api/importer/session/{session['pk']}/accept_fields/")
    assert response.status_code == 400
    assert list(response.json()) == ["name"]
    assert (await client.get(f"/api/importer/session/{session['pk']}/")).json()["status"] == 10


async def test_a_default_satisfies_a_required_field(client: Client) -> None:
    session = await processed_session(client, "Title\nWidget\n", field_defaults={"name": "Thing"})
    [row] = await rows_of(client, session["pk"])
    assert row["data"]["name"] == "Thing"


async def test_mappings_cannot_change_after_accept_fields(client: Client) -> None:
    session = await processed_session(client, "Name\nA\n")
    pk = session["column_mappings"][0]["pk"]
    response = await client.patch(f"/api/importer/column-mapping/{pk}/", json={"column": ""})
    assert response.status_code == 409


async def test_override_hides_the_field_and_forces_the_value(client: Client) -> None:
    session = await processed_session(
        client, "Name,Active\nA,true\n", field_overrides={"active": False}
    )
    assert "active" not in session["available_fields"]
    assert "active" not in {m["field"] for m in session["column_mappings"]}
    [row] = await rows_of(client, session["pk"])
    assert row["data"]["active"] is False
