"""A CSV's encoding: UTF-8 first, then Windows-1252 for Western text, else a guess; or the one the
upload names in its `encoding` field (issue #12)."""

from __future__ import annotations

from typing import Any

from tests.conftest import Client
from tests.importer.conftest import rows_of, wait_for

CAFE = "Name,Description\nWidget,café naïve\n"
CYRILLIC = "Name,Description\nВиджет,Привет мир и всё такое\n"  # noqa: RUF001


async def upload(client: Client, content: bytes, **fields: str) -> Any:
    return await client.post(
        "/api/importer/session/",
        data={"model_type": "part", **fields},
        files={"data_file": (fields.pop("filename", "parts.csv"), content)},
    )


async def imported_rows(client: Client, content: bytes, **fields: str) -> list[dict[str, Any]]:
    response = await upload(client, content, **fields)
    assert response.status_code == 201, response.text
    pk = response.json()["pk"]
    session = await wait_for(client, pk, {10, 40})
    assert session["status"] == 10, session
    accepted = await client.post(f"/api/importer/session/{pk}/accept_fields/")
    assert accepted.status_code == 200, accepted.text
    await wait_for(client, pk, {30, 40})
    return await rows_of(client, pk)


async def test_a_latin1_csv_reads_as_western_text(client: Client) -> None:
    [row] = await imported_rows(client, CAFE.encode("latin-1"))
    assert row["row_data"]["Description"] == "café naïve"


async def test_a_named_encoding_reads_the_file(client: Client) -> None:
    [row] = await imported_rows(client, CYRILLIC.encode("cp1251"), encoding="cp1251")
    assert row["row_data"] == {"Name": "Виджет", "Description": "Привет мир и всё такое"}


async def test_a_named_utf8_encoding_drops_the_byte_order_mark(client: Client) -> None:
    [row] = await imported_rows(client, ("\ufeff" + CAFE).encode(), encoding="UTF-8")
    assert row["row_data"] == {"Name": "Widget", "Description": "café naïve"}


async def test_an_unknown_encoding_is_400(client: Client) -> None:
    response = await upload(client, CAFE.encode(), encoding="klingon")
    assert response.status_code == 400
    assert response.json() == {"encoding": ['"klingon" is not a known encoding.']}
    assert (await client.get("/api/importer/session/")).json() == []


async def test_a_codec_that_is_no_text_encoding_is_400(client: Client) -> None:
    response = await upload(client, CAFE.encode(), encoding="base64")
    assert response.status_code == 400
    assert response.json() == {"encoding": ['"base64" is not a known encoding.']}


async def test_a_file_not_valid_in_the_named_encoding_is_400(client: Client) -> None:
    response = await upload(client, CAFE.encode("latin-1"), encoding="utf-8")
    assert response.status_code == 400
    assert response.json() == {"encoding": ["The file is not valid utf-8-sig text."]}
    assert (await client.get("/api/importer/session/")).json() == []


async def test_an_encoding_for_a_json_file_is_400(client: Client) -> None:
    response = await upload(client, b'[{"Name": "a"}]', encoding="cp1252", filename="parts.json")
    assert response.status_code == 400
    assert response.json() == {"encoding": ["Only a CSV or TSV file is read in a named encoding."]}


async def test_a_number_beyond_floats_is_a_row_error(client: Client) -> None:
    [row] = await imported_rows(client, b"Name,Minimum Stock\nBolt,1e400\n")
    assert row["valid"] is False
    assert row["errors"] == {"minimum_stock": ["A valid number is required."]}


async def test_the_upload_documents_its_encoding_field(client: Client) -> None:
    document = (await client.get("/api/schema/")).json()
    operation = document["paths"]["/api/importer/session/"]["post"]
    body = operation["requestBody"]["content"]["multipart/form-data"]
    reference = body["schema"]["$ref"].rsplit("/", 1)[-1]
    encoding = document["components"]["schemas"][reference]["properties"]["encoding"]
    assert encoding["writeOnly"] is True
    assert "Python codec name" in encoding["description"]
