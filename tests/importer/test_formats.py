"""CSV with any common delimiter and encoding, TSV, XLSX (with dates) and JSON read the same."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from tests.conftest import Client
from tests.importer.conftest import processed_session, rows_of


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


CASES = [
    ("utf8.csv", "Name,Description\nWidget,Größe M\n".encode()),
    ("bom.csv", "\ufeffName,Description\nWidget,Größe M\n".encode()),
    ("latin1.csv", "Name;Description\nWidget;Größe M\n".encode("latin-1")),
    ("semicolon.csv", b"Name;Description\nWidget;Gr\xc3\xb6\xc3\x9fe M\n"),
    ("tabs.tsv", "Name\tDescription\nWidget\tGröße M\n".encode()),
    ("parts.json", '[{"Name": "Widget", "Description": "Größe M"}]'.encode()),
    ("parts.xlsx", xlsx([["Name", "Description"], ["Widget", "Größe M"]])),
]


@pytest.mark.parametrize(("filename", "content"), CASES, ids=[case[0] for case in CASES])
async def test_each_format_gives_the_same_row(
    client: Client, filename: str, content: bytes
) -> None:
    session = await processed_session(client, content, filename=filename)
    assert session["status"] == 30, session
    assert session["columns"] == ["Name", "Description"]
    [row] = await rows_of(client, session["pk"])
    assert row["row_data"] == {"Name": "Widget", "Description": "Größe M"}
    assert row["data"] == {"name": "Widget", "description": "Größe M"}


async def test_xlsx_numbers_and_dates_become_text_cells(client: Client) -> None:
    content = xlsx([["Part", "Quantity", "Expiry Date"], [1, 5, date(2030, 1, 2)]])
    session = await processed_session(
        client, content, filename="stock.xlsx", model_type="stockitem"
    )
    [row] = await rows_of(client, session["pk"])
    assert row["row_data"] == {"Part": "1", "Quantity": "5", "Expiry Date": "2030-01-02"}
    assert row["data"]["expiry_date"] == "2030-01-02"
