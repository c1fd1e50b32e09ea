"""Exports neutralise spreadsheet formulas (OWASP's CSV injection advice) in CSV and XLSX."""

import csv
import io
import math
import zipfile

import openpyxl
import sqlalchemy as sa
from litestar import Litestar

from storeroom.models.registry import BY_MODEL_TYPE
from tests.conftest import Client

PART = BY_MODEL_TYPE["part"]
ATTACK = '=HYPERLINK("http://evil.example","click")'


async def make_company(client: Client, name: str, description: str = "") -> None:
    response = await client.post(
        "/api/company/", json={"name": name, "description": description, "currency": "EUR"}
    )
    assert response.status_code == 201, response.text


async def exported_csv(client: Client) -> list[dict[str, str]]:
    response = await client.get("/api/company/?export=csv&ordering=pk")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.text)))


async def test_csv_export_prefixes_a_formula_with_a_quote(client: Client) -> None:
    await make_company(client, ATTACK)
    assert [row["name"] for row in await exported_csv(client)] == ["'" + ATTACK]


async def test_csv_export_prefixes_every_formula_start(client: Client) -> None:
    starts = ["+1+cmd", "-1-cmd", "@SUM(A1)", "\tcmd", "\rcmd"]
    for number, text in enumerate(starts):
        await make_company(client, f"company {number}", text)
    descriptions = [row["description"] for row in await exported_csv(client)]
    assert descriptions == ["'" + text for text in starts]


async def test_csv_export_keeps_a_number_as_a_number(client: Client) -> None:
    await make_company(client, "numbers", "-5.25")
    assert [row["description"] for row in await exported_csv(client)] == ["-5.25"]


async def test_csv_export_keeps_ordinary_text(client: Client) -> None:
    await make_company(client, "Acme = best", "a-b")
    rows = await exported_csv(client)
    assert [(row["name"], row["description"]) for row in rows] == [("Acme = best", "a-b")]


async def test_xlsx_export_writes_a_formula_as_quoted_text(client: Client) -> None:
    await make_company(client, ATTACK)
    response = await client.get("/api/company/?export=xlsx")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
        styles_xml = archive.read("xl/styles.xml").decode()
    assert "<f>" not in sheet_xml
    assert "HYPERLINK" in sheet_xml
    assert 'quotePrefix="1"' in styles_xml


async def test_xlsx_export_keeps_numbers_numeric(client: Client) -> None:
    await make_company(client, "numbers", "-5")
    response = await client.get("/api/company/?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    columns = list(rows[0])
    assert isinstance(rows[1][columns.index("pk")], int)
    assert rows[1][columns.index("description")] == "-5"


async def test_xlsx_export_writes_an_infinity_stored_before_as_text(
    client: Client, app: Litestar
) -> None:
    # Older data may hold one: float fields took 1e400 as Infinity before they refused it.
    response = await client.post("/api/part/", json={"name": "Bolt"})
    pk = response.json()["pk"]
    async with app.state.api.databases.tenant_transaction("default") as connection:
        await connection.execute(
            sa.update(PART.table).where(PART.table.c.id == pk).values(minimum_stock=math.inf)
        )
    response = await client.get("/api/part/?export=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][list(rows[0]).index("minimum_stock")] == "inf"
