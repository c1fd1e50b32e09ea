"""Row validation, editing, deleting and accepting; the state rules around them."""

from __future__ import annotations

from tests.conftest import Client
from tests.importer.conftest import make_category, processed_session, rows_of


async def test_every_problem_of_a_row_is_listed(client: Client) -> None:
    await make_category(client, "Tools")
    await make_category(client, "Tools", await make_category(client, "Other"))
    content = (
        "Name,Minimum Stock,Category,Active\n" + "x" * 101 + ",lots,Nowhere,maybe\n,1,Tools,\n"
    )
    session = await processed_session(client, content)
    first, second = await rows_of(client, session["pk"])
    assert first["valid"] is False
    assert first["errors"] == {
        "name": ["Ensure this field has no more than 100 characters."],
        "minimum_stock": ["A valid number is required."],
        "category": ['Invalid pk "Nowhere" - object does not exist.'],
        "active": ["Must be a valid boolean."],
    }
    assert second["errors"]["name"] == ["This field is required."]
    assert "Several Part Category objects" in second["errors"]["category"][0]


async def test_unique_sets_are_checked_against_the_table_and_the_file(client: Client) -> None:
    await client.post("/api/part/", json={"name": "Bolt", "IPN": "B-1"})
    content = "Name,IPN\nBolt,B-1\nNut,N-1\nNut,N-1\n"
    session = await processed_session(client, content)
    rows = await rows_of(client, session["pk"])
    assert [row["valid"] for row in rows] == [False, True, False]
    assert rows[0]["errors"] == {
        "non_field_errors": ["The fields name, IPN, revision must make a unique set."]
    }
    assert "duplicate of row 2" in rows[2]["errors"]["non_field_errors"][0]


async def test_a_fixed_row_is_revalidated_and_imported(client: Client) -> None:
    session = await processed_session(client, "Name,Minimum Stock\nBolt,lots\n")
    [row] = await rows_of(client, session["pk"])
    response = await client.patch(
        f"/api/importer/row/{row['pk']}/", json={"data": {"minimum_stock": "3"}}
    )
    assert response.status_code == 200, response.text
    assert (response.json()["valid"], response.json()["errors"]) == (True, None)
    assert response.json()["data"] == {"name": "Bolt", "minimum_stock": 3.0}
    accepted = await client.post(
        f"/api/importer/session/{session['pk']}/accept_rows/", json={"rows": [row["pk"]]}
    )
    assert accepted.status_code == 201
    [part] = (await client.get("/api/part/")).json()
    assert (part["name"], part["minimum_stock"]) == ("Bolt", 3.0)


async def test_invalid_or_complete_rows_are_refused_and_nothing_is_written(client: Client) -> None:
    session = await processed_session(client, "Name,Active\nGood,yes\nBad,maybe\n")
    good, bad = await rows_of(client, session["pk"])
    url = f"/api/importer/session/{session['pk']}/accept_rows/"
    refused = await client.post(url, json={"rows": [good["pk"], bad["pk"]]})
    assert refused.status_code == 400
    assert refused.json()["rows"] == [f"Rows {bad['pk']} are not valid."]
    assert (await client.get("/api/part/")).json() == []
    assert (await client.post(url, json={"rows": [good["pk"]]})).status_code == 201
    again = await client.post(url, json={"rows": [good["pk"]]})
    assert again.status_code == 400
    assert again.json()["rows"] == [f"Rows {good['pk']} are already imported."]
    assert len((await client.get("/api/part/")).json()) == 1
    unknown = await client.post(url, json={"rows": [999999]})
    assert unknown.json()["rows"] == ["Rows 999999 are not rows of this session."]
    beyond = await client.post(url, json={"rows": [good["pk"], 2**70]})
    assert beyond.status_code == 400
    assert beyond.json()["rows"] == [f"Rows {2**70} are not rows of this session."]
    assert (await client.post(url, json={"rows": "all"})).status_code == 400


async def test_deleting_the_last_open_row_completes_the_session(client: Client) -> None:
    session = await processed_session(client, "Name,Active\nGood,yes\nBad,maybe\n")
    good, bad = await rows_of(client, session["pk"])
    url = f"/api/importer/session/{session['pk']}/"
    await client.post(url + "accept_rows/", json={"rows": [good["pk"]]})
    assert (await client.get(url)).json()["status"] == 30
    assert (await client.delete(f"/api/importer/row/{bad['pk']}/")).status_code == 204
    done = (await client.get(url)).json()
    assert (done["status"], done["row_count"], done["completed_row_count"]) == (40, 1, 1)


async def test_rows_are_deleted_in_bulk(client: Client) -> None:
    session = await processed_session(client, "Name\nA\nB\nC\n")
    rows = await rows_of(client, session["pk"])
    response = await client.request(
        "DELETE", "/api/importer/row/", json={"items": [rows[0]["pk"], rows[1]["pk"]]}
    )
    assert response.status_code == 204
    assert [row["row_data"]["Name"] for row in await rows_of(client, session["pk"])] == ["C"]
    assert (await client.get(f"/api/importer/session/{session['pk']}/")).json()["row_count"] == 1


async def test_accept_fields_twice_is_a_409_and_keeps_the_rows(client: Client) -> None:
    session = await processed_session(client, "Name\nA\n")
    again = await client.post(f"/api/importer/session/{session['pk']}/accept_fields/")
    assert again.status_code == 409
    assert len(await rows_of(client, session["pk"])) == 1


async def test_accept_rows_before_processing_is_a_409(client: Client) -> None:
    from tests.importer.conftest import mapped_session

    session = await mapped_session(client, "Name\nA\n")
    response = await client.post(
        f"/api/importer/session/{session['pk']}/accept_rows/", json={"rows": [1]}
    )
    assert response.status_code == 409


async def test_rows_filter_by_valid(client: Client) -> None:
    session = await processed_session(client, "Name,Active\nGood,yes\nBad,maybe\n")
    response = await client.get(f"/api/importer/row/?session={session['pk']}&valid=false&limit=5")
    body = response.json()
    assert (body["count"], body["results"][0]["row_data"]["Name"]) == (1, "Bad")


async def test_each_rows_defaults_fill_only_its_own_empty_cells(client: Client) -> None:
    session = await processed_session(
        client, "Name,Units\nA,kg\nB,\n", field_defaults={"units": "pcs"}
    )
    first, second = await rows_of(client, session["pk"])
    assert (first["data"]["units"], second["data"]["units"]) == ("kg", "pcs")
