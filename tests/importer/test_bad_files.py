"""Bad files end in a stored error and a final state (never a 500, never a hung session)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from openpyxl import Workbook

from storeroom.settings import Settings
from tests.conftest import Client
from tests.importer.conftest import mapped_session, upload


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


BAD_FILES = [
    ("empty.csv", b"", "empty"),
    ("blank.csv", b"\n\n\n", "empty"),
    ("noheader.csv", b"1,2,3\n4,5,6\n", "no header row"),
    ("blankheader.csv", b",,\nA,B,C\n", "no header row"),
    ("duplicate.csv", b"Name,Name\nA,B\n", "repeats column names: Name"),
    ("blankname.csv", b"Name,,IPN\nA,B,C\n", "blank column names (column 2)"),
    ("ragged.csv", b"Name,IPN\nA,B\nC,D,E\n", "Row 3 has 3 cells"),
    ("short.csv", b"Name,IPN,Units\nA,B,C\nC\n", "Row 3 has 1 cells"),
    ("binary.csv", b"PK\x03\x04\x00\x00binary", "not a text (CSV) file"),
    ("corrupt.xlsx", b"PK\x03\x04 this is no zip at all", "corrupt"),
    ("text.xlsx", b"Name,IPN\nA,B\n", "not an XLSX workbook"),
    ("bomb.xlsx", zip_bomb(), "zip bomb"),
    ("object.json", b'{"Name": "A"}', "array of objects"),
    ("broken.json", b'[{"Name": "A"}, {"Name": ', "not valid JSON"),
    ("scalars.json", b"[1, 2]", "not an object"),
    ("empty.json", b"", "empty"),
]


@pytest.mark.parametrize(("filename", "content", "message"), BAD_FILES, ids=lambda v: str(v)[:12])
async def test_bad_file_is_a_stored_error_in_a_final_state(
    client: Client, filename: str, content: bytes, message: str
) -> None:
    session = await mapped_session(client, content, filename=filename)
    assert session["status"] == 40
    assert message in session["error"]
    assert session["row_count"] == 0
    again = await client.post(f"/api/importer/session/{session['pk']}/accept_fields/")
    assert again.status_code == 409


async def test_more_rows_than_the_limit_is_refused(
    make_settings: Callable[..., Settings], anonymous_factory: Any
) -> None:
    anonymous = await anonymous_factory(make_settings(import_max_rows=2))
    client = await _admin(anonymous)
    session = await mapped_session(client, "Name\nA\nB\nC\n")
    assert (session["status"], session["error"]) == (40, "The file has more than 2 rows.")


async def test_more_columns_than_the_limit_is_refused(
    make_settings: Callable[..., Settings], anonymous_factory: Any
) -> None:
    anonymous = await anonymous_factory(make_settings(import_max_columns=2))
    client = await _admin(anonymous)
    session = await mapped_session(client, "Name,IPN,Units\nA,B,C\n")
    assert session["error"] == "The file has more than 2 columns."


async def _admin(anonymous: Client) -> Client:
    from tests.conftest import token_for

    anonymous.headers["Authorization"] = f"Token {await token_for(anonymous, 'admin')}"
    return anonymous


async def test_unknown_extension_is_a_400(client: Client) -> None:
    response = await upload(client, "Name\nA\n", filename="parts.pdf")
    assert response.status_code == 400
    assert "Unsupported file type" in response.json()["data_file"][0]


async def test_missing_file_is_a_400(client: Client) -> None:
    response = await client.post("/api/importer/session/", json={"model_type": "part"})
    assert response.status_code == 400
    assert response.json()["data_file"] == ["No file was submitted."]


async def test_unknown_model_type_is_a_400(client: Client) -> None:
    response = await upload(client, "Name\nA\n", model_type="spaceship")
    assert response.status_code == 400
    assert "not a valid choice" in response.json()["model_type"][0]


async def test_options_naming_unknown_fields_are_a_400(client: Client) -> None:
    response = await upload(client, "Name\nA\n", field_defaults={"colour": "red"})
    assert response.status_code == 400
    assert response.json()["field_defaults"] == ["Unknown fields: colour."]


async def test_options_that_are_not_objects_are_a_400(client: Client) -> None:
    response = await client.post(
        "/api/importer/session/",
        data={"model_type": "part", "field_overrides": "[1"},
        files={"data_file": ("a.csv", b"Name\nA\n")},
    )
    assert response.status_code == 400
    assert response.json()["field_overrides"] == ["Expected a JSON object."]


def test_workbook_helper_makes_real_xlsx() -> None:
    # A guard for the fixtures below: openpyxl writes what calamine reads.
    workbook = Workbook()
    assert workbook.active is not None
