"""`?export=csv|json|xlsx` on a list: the filtered, ordered list as a file, streamed."""

from __future__ import annotations

import csv
import io
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


def _cell(value: Any) -> Any:
    value = to_json_ready(value)
    if isinstance(value, dict | list):
        return msgspec.json.encode(value).decode()
    return value


async def csv_chunks(
    names: list[str], chunks: AsyncIterator[list[dict[str, Any]]]
) -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(names)
    async for objects in chunks:
        writer.writerows([_cell(item.get(name)) for name in names] for item in objects)
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
    with tempfile.TemporaryFile() as handle:
        workbook = xlsxwriter.Workbook(handle, {"constant_memory": True, "in_memory": False})
        sheet = workbook.add_worksheet("export")
        sheet.write_row(0, 0, names)
        line = 1
        async for objects in chunks:
            for item in objects:
                sheet.write_row(line, 0, [_cell(item.get(name)) for name in names])
                line += 1
        workbook.close()
        handle.seek(0)
        while block := handle.read(256 * 1024):
            yield block
