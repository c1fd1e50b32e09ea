"""`?export=csv|json|xlsx` on a list: the filtered, ordered list as a file, streamed.

Spreadsheet cells are neutralised against formula injection as OWASP recommends: text starting
with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` in CSV, and written as a
quote-prefixed text cell in XLSX (never a formula); numbers, and text that is only a number, stay
as they are. JSON is a document for programs, not a spreadsheet: its values are exported exactly.
"""

from __future__ import annotations

import csv
import io
import math
import re
import tempfile
from collections.abc import AsyncIterator
from typing import Any

import msgspec
import xlsxwriter

from storeroom.api.envelopes import to_json_ready
from storeroom.errors import Invalid

FORMATS = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def check_format(name: str) -> str:
    chosen = name.lower()
    if chosen not in FORMATS:
        raise Invalid.field("export", f"Unknown export format {name!r}; use csv, json or xlsx.")
    return chosen


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text that is only a number (a decimal's text, "-5") cannot be a formula: it stays as it is.
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _cell(value: Any) -> Any:
    value = to_json_ready(value)
    if isinstance(value, dict | list):
        return msgspec.json.encode(value).decode()
    return value


def is_formula_like(value: Any) -> bool:
    """Text a spreadsheet would run as a formula (or that begins one after a tab or a CR)."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and NUMBER.fullmatch(value) is None
    )


def _csv_cell(value: Any) -> Any:
    value = _cell(value)
    return f"'{value}" if is_formula_like(value) else value


async def csv_chunks(
    names: list[str], chunks: AsyncIterator[list[dict[str, Any]]]
) -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(names)
    async for objects in chunks:
        writer.writerows([_csv_cell(item.get(name)) for name in names] for item in objects)
        yield buffer.getvalue().encode()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode()
    else:
        yield b""


async def json_chunks(chunks: AsyncIterator[list[dict[str, Any]]]) -> AsyncIterator[bytes]:
    yield b"["
    first = True
    async for objects in chunks:
        encoded = msgspec.json.encode(objects)[1:-1]
        if encoded:
            yield encoded if first else b"," + encoded
            first = False
    yield b"]"


async def xlsx_chunks(
    names: list[str], chunks: AsyncIterator[list[dict[str, Any]]]
) -> AsyncIterator[bytes]:
    # constant_memory writes rows to disk as they come; the workbook is then streamed back.
    # Text is never turned into a formula, a link or a number (xlsxwriter would, by its start).
    options = {
        "constant_memory": True,
        "in_memory": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    with tempfile.TemporaryFile() as handle:
        workbook = xlsxwriter.Workbook(handle, options)
        # A quote prefix keeps the cell text even when someone edits it in Excel.
        quoted = workbook.add_format({"quote_prefix": True})
        sheet = workbook.add_worksheet("export")
        for column, name in enumerate(names):
            sheet.write_string(0, column, name)
        line = 1
        async for objects in chunks:
            for item in objects:
                for column, name in enumerate(names):
                    _write_xlsx_cell(sheet, line, column, _cell(item.get(name)), quoted)
                line += 1
        workbook.close()
        handle.seek(0)
        while block := handle.read(256 * 1024):
            yield block


def _write_xlsx_cell(sheet: Any, line: int, column: int, value: Any, quoted: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(line, column, value)
    elif isinstance(value, int | float) and math.isfinite(value):
        sheet.write_number(line, column, value)
    elif is_formula_like(value):
        sheet.write_string(line, column, value, quoted)
    else:
        sheet.write_string(line, column, str(value))
