"""Reading an uploaded file as a header and a stream of rows of text cells: CSV and TSV (delimiter
and encoding detected on a prefix), XLSX (python-calamine, after a zip-bomb check) and JSON arrays
of objects (ijson's event stream, each item's nesting and value size bounded). Nothing reads a
whole large file into Python objects at once.

Every problem with the file is a `FileProblem` whose message is stored on the session.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import ijson
import msgspec
import python_calamine

from storeroom.importer.encoding import detect_encoding

PREFIX_BYTES = 64 * 1024
DELIMITERS = ",;\t|"
EXTENSIONS = {".csv": "csv", ".txt": "csv", ".tsv": "tsv", ".xlsx": "xlsx", ".json": "json"}
ZIP_MAGIC = b"PK\x03\x04"
# A member that unpacks to more than this many times its packed size is treated as a zip bomb
# (real spreadsheets compress 5-20x).
MAX_ZIP_RATIO = 200
# A JSON item nested deeper than this (an object holding arrays of objects...) is refused: no
# spreadsheet-like data needs it, and building it costs memory the file does not show.
MAX_JSON_DEPTH = 32
# The longest cell of any format: csv's own field limit (131,072), applied to JSON values too.
MAX_CELL_CHARS = csv.field_size_limit()


class FileProblem(Exception):
    """The file cannot be imported; the message says why, for the client."""


@dataclass(frozen=True, slots=True)
class Limits:
    max_rows: int
    max_columns: int
    max_unpacked_bytes: int


def file_format(filename: str) -> str | None:
    """The format an upload's name announces, or None for one we do not read."""
    return EXTENSIONS.get(Path(filename).suffix.lower())


class Table:
    """An open file: `columns` (the header), then `rows()` once; close it when done."""

    def __init__(self, path: Path, kind: str, limits: Limits) -> None:
        self._stack = ExitStack()
        self.limits = limits
        try:
            readers = {"csv": _delimited, "tsv": _delimited, "xlsx": _xlsx, "json": _json}
            raw = readers[kind](path, kind, limits, self._stack)
            self.columns = _header(next(raw, None), limits)
            self._raw = raw
        except BaseException:
            self._stack.close()
            raise

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def rows(self) -> Iterator[list[str]]:
        """The data rows, each as long as the header; ragged rows and too many rows raise."""
        width = len(self.columns)
        count = 0
        line = 1
        for cells in self._raw:
            line += 1
            if not any(cells):
                continue
            if len(cells) != width:
                if len(cells) > width and not any(cells[width:]):
                    cells = cells[:width]
                else:
                    raise FileProblem(
                        f"Row {line} has {len(cells)} cells, but the header has {width} columns."
                    )
            count += 1
            if count > self.limits.max_rows:
                raise FileProblem(f"The file has more than {self.limits.max_rows} rows.")
            yield cells


def _header(first: list[str] | None, limits: Limits) -> list[str]:
    if first is None:
        raise FileProblem("The file is empty.")
    names = [cell.strip() for cell in first]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise FileProblem("The file has no header row.")
    if all(_is_number(name) for name in names):
        raise FileProblem("The file has no header row: its first row holds only numbers.")
    if len(names) > limits.max_columns:
        raise FileProblem(f"The file has more than {limits.max_columns} columns.")
    blank = [str(number) for number, name in enumerate(names, 1) if not name]
    if blank:
        raise FileProblem(f"The header has blank column names (column {', '.join(blank)}).")
    repeated = sorted(name for name, count in Counter(names).items() if count > 1)
    if repeated:
        raise FileProblem(f"The header repeats column names: {', '.join(repeated)}.")
    return names


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _delimited(path: Path, kind: str, limits: Limits, stack: ExitStack) -> Iterator[list[str]]:
    with path.open("rb") as binary:
        prefix = binary.read(PREFIX_BYTES)
    if not prefix.strip():
        raise FileProblem("The file is empty.")
    if prefix.startswith((ZIP_MAGIC, b"%PDF")):
        raise FileProblem("The file is not a text (CSV) file: its content is binary.")
    encoding = detect_encoding(prefix)
    if b"\x00" in prefix and not encoding.startswith("utf-16"):
        raise FileProblem("The file is not a text (CSV) file: its content is binary.")
    sample = prefix.decode(encoding, errors="ignore")
    delimiter = "\t" if kind == "tsv" else detect_delimiter(sample)
    text = stack.enter_context(path.open(encoding=encoding, newline=""))
    return _decoded(csv.reader(text, delimiter=delimiter, strict=True), encoding)


def _decoded(reader: Iterator[list[str]], encoding: str) -> Iterator[list[str]]:
    try:
        yield from reader
    except UnicodeDecodeError:
        raise FileProblem(f"The file is not valid {encoding} text.") from None
    except csv.Error as error:
        raise FileProblem(f"The file is not valid CSV: {error}.") from None


def detect_delimiter(sample: str) -> str:
    lines = sample.splitlines()[:50]
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS)
    except csv.Error:
        return ","
    return str(dialect.delimiter)


def _xlsx(path: Path, kind: str, limits: Limits, stack: ExitStack) -> Iterator[list[str]]:
    with path.open("rb") as binary:
        if binary.read(4) != ZIP_MAGIC:
            raise FileProblem("The file is not an XLSX workbook.")
    check_zip(path, limits)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        stack.callback(workbook.close)
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.iter_rows()
    except Exception as error:  # calamine raises its own error kinds for every corrupt part
        raise FileProblem(f"The XLSX workbook is corrupt: {error}") from None
    return ([cell_text(cell) for cell in row] for row in rows)


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse zip bombs from the zip directory alone, before anything is unpacked."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise FileProblem("The XLSX workbook is corrupt: not a readable zip archive.") from None
    total = sum(member.file_size for member in members)
    if total > limits.max_unpacked_bytes:
        raise FileProblem("The XLSX workbook unpacks to more than the allowed size.")
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_ZIP_RATIO * max(
            member.compress_size, 1
        ):
            raise FileProblem("The XLSX workbook is compressed suspiciously well (a zip bomb).")


def cell_text(value: Any) -> str:
    """A spreadsheet or JSON value as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value.total_seconds())
    if isinstance(value, dict | list):
        return msgspec.json.encode(value).decode()
    return str(value)


def _json(path: Path, kind: str, limits: Limits, stack: ExitStack) -> Iterator[list[str]]:
    binary = stack.enter_context(path.open("rb"))
    start = binary.read(PREFIX_BYTES).lstrip(codecs.BOM_UTF8).lstrip()
    if not start:
        raise FileProblem("The file is empty.")
    if not start.startswith(b"["):
        raise FileProblem("The JSON file must hold an array of objects.")
    binary.seek(0)
    if binary.read(3) != codecs.BOM_UTF8:
        binary.seek(0)
    # basic_parse, not ijson.items: items keeps a path string per event, as long as the nesting
    # is deep, so a 400 KB file nested 200,000 deep cost gigabytes before anything could stop it.
    events = ijson.basic_parse(binary, use_float=True)
    return _json_rows(_json_items(events, limits))


def _json_items(events: Iterator[tuple[str, Any]], limits: Limits) -> Iterator[Any]:
    """The items of the top-level array, each built with its nesting and its size bounded."""
    try:
        event, _ = next(events)
        if event != "start_array":
            raise FileProblem("The JSON file must hold an array of objects.")
        for number, (event, _) in enumerate(events, 1):
            if event == "end_array":
                next(events, None)  # the parser refuses anything but white space after the array
                return
            if event != "start_map":
                raise FileProblem(f"Item {number} of the JSON array is not an object.")
            yield _json_object(events, number, limits)
    except ijson.JSONError as error:
        raise FileProblem(f"The file is not valid JSON: {error}") from None


def _json_object(events: Iterator[tuple[str, Any]], number: int, limits: Limits) -> dict[str, Any]:
    """One item, its start already read. Built with a stack of its own (never recursion): a value
    nested deeper than MAX_JSON_DEPTH or larger than MAX_CELL_CHARS stops the file."""
    row: dict[str, Any] = {}
    stack: list[Any] = [row]
    column = key = ""
    size = 0
    for event, value in events:
        if event == "map_key" and len(stack) == 1:
            if len(row) >= limits.max_columns:
                raise FileProblem(f"The file has more than {limits.max_columns} columns.")
            column = key = str(value)
            size = 0
            continue
        size += 1 + (len(value) if isinstance(value, str) else 0)
        if size > MAX_CELL_CHARS:
            raise FileProblem(
                f"Item {number} of the JSON array has a value of {column!r} longer than "
                f"{MAX_CELL_CHARS} characters."
            )
        if event == "map_key":
            key = str(value)
        elif event in ("end_map", "end_array"):
            stack.pop()
            if not stack:
                return row
        elif event in ("start_map", "start_array"):
            if len(stack) >= MAX_JSON_DEPTH:
                raise FileProblem(
                    f"Item {number} of the JSON array is nested more than {MAX_JSON_DEPTH} "
                    "levels deep."
                )
            child: Any = {} if event == "start_map" else []
            _add(stack[-1], key, child)
            stack.append(child)
        else:
            _add(stack[-1], key, value)
    raise FileProblem("The file is not valid JSON: it ends inside an object.")


def _add(container: Any, key: str, value: Any) -> None:
    if isinstance(container, dict):
        container[key] = value
    else:
        container.append(value)


def _json_rows(items: Iterator[dict[str, Any]]) -> Iterator[list[str]]:
    columns: list[str] = []
    for number, item in enumerate(items, 2):
        if not columns:
            columns = list(item)
            yield columns
        unknown = [key for key in item if key not in columns]
        if unknown:
            raise FileProblem(
                f"Row {number} has fields the first object lacks: {', '.join(unknown)}."
            )
        yield [cell_text(item.get(name)) for name in columns]
