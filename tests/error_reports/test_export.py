import csv
import io

import openpyxl

from tests.conftest import Client
from tests.error_reports.factories import make_reports


async def test_export_csv_has_a_header_and_every_row(client: Client, app) -> None:
    await make_reports(app, 3)
    response = await client.get("/api/error-report/?export=csv&ordering=when")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["pk", "when", "info", "data", "path"]
    assert [row[2] for row in rows[1:]] == [f"ValueError: problem {n}" for n in range(3)]


async def test_export_json_is_the_filtered_list(client: Client, app) -> None:
    await make_reports(app, 3)
    response = await client.get("/api/error-report/?export=json&search=problem 1")
    assert [item["info"] for item in response.json()] == ["ValueError: problem 1"]


async def test_export_xlsx_opens_as_a_workbook(client: Client, app) -> None:
    await make_reports(app, 2)
    response = await client.get("/api/error-report/?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("pk", "when", "info", "data", "path")
    assert len(rows) == 3


async def test_unknown_export_format_is_400(client: Client) -> None:
    response = await client.get("/api/error-report/?export=pdf")
    assert response.status_code == 400
    assert "pdf" in response.json()["export"][0]
