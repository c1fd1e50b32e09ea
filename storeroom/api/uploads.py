"""Streaming multipart/form-data: file parts go chunk by chunk into a sink, never into memory.

Litestar's own form parser reads the whole body before it parses, so upload routes read
`request.stream()` through the push parser of `multipart` (the library Litestar itself depends on)
instead. Plain fields are collected in memory, so they are capped: each field, and all of them
together at the app's request body limit (the route itself lifts that limit so that its files may
be larger); each file part is written to
a `FileSink` that the caller chooses per part, so an attachment can stream straight to its storage
and an importer's data file to a temporary file. Any failure aborts every sink opened so far: a
failed upload leaves nothing behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

import anyio.to_thread
from litestar import Request
from multipart import MultipartError, MultipartSegment, PushMultipartParser, parse_options_header

from storeroom.api.bodies import body_limit
from storeroom.errors import Invalid, MalformedBody, TooLarge, UnsupportedMediaType

MULTIPART = "multipart/form-data"
# A plain (non-file) field longer than this is not a form field but an abuse of one.
MAX_FIELD_SIZE = 1024 * 1024
# What a form may carry besides its files: field values, part headers, boundaries.
FORM_ALLOWANCE = 4 * 1024 * 1024
MAX_PARTS = 1000


class FileSink(Protocol):
    """Somewhere a file part is written as it arrives."""

    async def write(self, chunk: bytes) -> None: ...

    async def finish(self) -> int:
        """The part is complete; returns its size in bytes."""
        ...

    async def abort(self) -> None:
        """Throw away whatever was written (also after `finish`)."""
        ...


SinkFactory = Callable[[str, str, str], Awaitable[FileSink]]
"""sink_for(field_name, filename, content_type) -> a sink for that file part."""


@dataclass(frozen=True, slots=True)
class ReceivedFile:
    filename: str
    content_type: str
    size: int
    sink: FileSink


@dataclass(slots=True)
class ReceivedForm:
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, ReceivedFile] = field(default_factory=dict)

    def first(self, name: str) -> str | None:
        found = self.fields.get(name)
        return found[0] if found else None

    async def abort(self) -> None:
        """Throw away every received file (the caller could not use the form)."""
        for received in self.files.values():
            await received.sink.abort()


def is_multipart(request: Request[Any, Any, Any]) -> bool:
    return _media_type(request) == MULTIPART


def _media_type(request: Request[Any, Any, Any]) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _boundary(request: Request[Any, Any, Any]) -> str:
    media_type, options = parse_options_header(request.headers.get("content-type", ""))
    if media_type.lower() != MULTIPART:
        shown = media_type.lower() or "none"
        raise UnsupportedMediaType(f'Unsupported media type "{shown}" in request.')
    boundary = options.get("boundary", "")
    if not boundary:
        raise MalformedBody("Multipart form parse error - Invalid boundary in multipart: None")
    return str(boundary)


def _announced_length(request: Request[Any, Any, Any]) -> int | None:
    raw = request.headers.get("content-length")
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise MalformedBody("Invalid Content-Length header.") from None


async def receive_form(
    request: Request[Any, Any, Any],
    sink_for: SinkFactory,
    *,
    max_file_size: int,
    max_body_size: int | None = None,
) -> ReceivedForm:
    """Read a multipart body from the request stream, files into sinks, fields into lists.

    Raises UnsupportedMediaType (415) for another content type, MalformedBody (400) for a body
    that is not multipart, TooLarge (413) for a file over `max_file_size`, fields over the app's
    body limit, or a body over `max_body_size` (default: one file plus the form allowance).
    """
    boundary = _boundary(request)
    limit = max_body_size if max_body_size is not None else max_file_size + FORM_ALLOWANCE
    announced = _announced_length(request)
    if announced is not None and announced > limit:
        raise TooLarge(f"Request body is larger than {limit} bytes.")
    reader = _FormReader(sink_for, max_file_size, body_limit(request) or limit)
    try:
        parser = PushMultipartParser(boundary, max_segment_count=MAX_PARTS)
        received = 0
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise TooLarge(f"Request body is larger than {limit} bytes.")
            if chunk:
                await reader.feed(parser.parse(chunk))
        await reader.feed(parser.parse(b""))
        if not parser.closed:
            raise MalformedBody("Multipart form parse error - incomplete body.")
    except MultipartError as error:
        await reader.abort()
        raise MalformedBody(f"Multipart form parse error - {error}") from None
    except BaseException:
        await reader.abort()
        raise
    return reader.form


class _FormReader:
    """Turns parser events into fields and sink writes."""

    def __init__(self, sink_for: SinkFactory, max_file_size: int, max_fields_size: int) -> None:
        self.form = ReceivedForm()
        self._sink_for = sink_for
        self._max_file_size = max_file_size
        self._max_fields_size = max_fields_size
        self._fields_size = 0
        self._segment: MultipartSegment | None = None
        self._sink: FileSink | None = None
        self._value = bytearray()
        self._size = 0

    async def feed(self, events: Any) -> None:
        for event in events:
            if isinstance(event, MultipartSegment):
                await self._start(event)
            elif event is None:
                await self._end()
            else:
                await self._chunk(bytes(event))

    async def _start(self, segment: MultipartSegment) -> None:
        if not segment.name:
            raise MalformedBody("Multipart form parse error - a part has no name.")
        self._segment, self._size = segment, 0
        self._value.clear()
        if segment.filename is not None:
            if segment.name in self.form.files:
                raise Invalid.field(segment.name, "Only one file may be sent in this field.")
            content_type = segment.content_type or "application/octet-stream"
            self._sink = await self._sink_for(segment.name, segment.filename, content_type)

    async def _chunk(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._sink is not None:
            if self._size > self._max_file_size:
                raise TooLarge(f"The file is larger than the limit of {self._max_file_size} bytes.")
            await self._sink.write(chunk)
            return
        if self._size > MAX_FIELD_SIZE:
            raise TooLarge(f"A form field is larger than {MAX_FIELD_SIZE} bytes.")
        self._fields_size += len(chunk)
        if self._fields_size > self._max_fields_size:
            raise TooLarge(f"The form's fields are larger than {self._max_fields_size} bytes.")
        self._value += chunk

    async def _end(self) -> None:
        segment, sink = self._segment, self._sink
        self._segment, self._sink = None, None
        if segment is None or segment.name is None:
            return
        if sink is None:
            value = self._value.decode(segment.charset or "utf-8", errors="replace")
            self.form.fields.setdefault(segment.name, []).append(value)
            return
        # Registered before finish() so that an abort reaches it even if finish fails.
        content_type = segment.content_type or "application/octet-stream"
        placeholder = ReceivedFile(segment.filename or "", content_type, 0, sink)
        self.form.files[segment.name] = placeholder
        size = await sink.finish()
        self.form.files[segment.name] = ReceivedFile(placeholder.filename, content_type, size, sink)

    async def abort(self) -> None:
        if self._sink is not None:
            await self._sink.abort()
            self._sink = None
        await self.form.abort()


class TempFileSink:
    """Spools a file part to a temporary file on disk; `path` is the file once finished.

    Writes are gathered into blocks and handed to a worker thread, so the event loop never
    waits on the disk and memory holds at most one block. The caller owns the file after
    `finish()` and removes it with `abort()` (or moves it away).
    """

    BLOCK = 1024 * 1024

    def __init__(self, directory: Path | None = None, suffix: str = "") -> None:
        handle, name = tempfile.mkstemp(dir=directory, suffix=suffix, prefix="upload-")
        self.path = Path(name)
        self._file: IO[bytes] | None = os.fdopen(handle, "wb")
        self._pending = bytearray()
        self._size = 0

    @classmethod
    async def create(cls, directory: Path | None = None, suffix: str = "") -> TempFileSink:
        return await anyio.to_thread.run_sync(cls, directory, suffix)

    async def write(self, chunk: bytes) -> None:
        self._pending += chunk
        self._size += len(chunk)
        if len(self._pending) >= self.BLOCK:
            await self._flush()

    async def _flush(self) -> None:
        if self._file is None or not self._pending:
            return
        block, self._pending = bytes(self._pending), bytearray()
        await anyio.to_thread.run_sync(self._file.write, block)

    async def finish(self) -> int:
        await self._flush()
        if self._file is not None:
            await anyio.to_thread.run_sync(self._file.close)
            self._file = None
        return self._size

    async def abort(self) -> None:
        self._pending = bytearray()
        if self._file is not None:
            self._file.close()
            self._file = None
        self.path.unlink(missing_ok=True)


async def temp_file_sink(field_name: str, filename: str, content_type: str) -> FileSink:
    """A `sink_for` that spools every file part to its own temporary file."""
    suffix = "".join(c for c in Path(filename).suffix[:16] if c.isalnum() or c == ".")
    return await TempFileSink.create(suffix=suffix)
