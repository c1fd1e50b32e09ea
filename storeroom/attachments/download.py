"""Downloads: the stored file with its type, its name, and byte ranges (RFC 9110, one range)."""

from __future__ import annotations

import mimetypes
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import quote

import sqlalchemy as sa

from storeroom.attachments.resource import TABLE
from storeroom.attachments.storage.store import FileStore, MissingFile
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import NotFound, StoreroomError

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(StoreroomError):
    status = 416
    kind = "range_not_satisfiable"
    default_message = "Requested range not satisfiable."


@dataclass(frozen=True, slots=True)
class StoredFile:
    model_type: str
    key: str
    filename: str
    size: int
    content_type: str


@dataclass(frozen=True, slots=True)
class Download:
    status: int
    headers: dict[str, str]
    chunks: AsyncIterator[bytes]


async def stored_file(tenant: TenantDb, pk: int) -> StoredFile:
    async with tenant.transaction() as connection:
        row = (
            await connection.execute(
                sa.select(
                    TABLE.c.model_type,
                    TABLE.c.storage_key,
                    TABLE.c.filename,
                    TABLE.c.file_size,
                    TABLE.c.content_type,
                ).where(TABLE.c.id == pk)
            )
        ).first()
    if row is None or row.storage_key is None:
        raise NotFound()
    return StoredFile(
        row.model_type, row.storage_key, row.filename, row.file_size, row.content_type
    )


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(start, end exclusive) of a single satisfiable range; None to send the whole file.
    A header we do not understand is ignored, as RFC 9110 allows."""
    if not header:
        return None
    found = RANGE.match(header.strip().replace(" ", ""))
    if found is None or found.group(1) == found.group(2) == "":
        return None
    first, last = found.group(1), found.group(2)
    if first == "":
        length = int(last)
        if length == 0:
            raise RangeNotSatisfiable()
        return max(0, size - length), size
    start = int(first)
    end = size if last == "" else min(size, int(last) + 1)
    if start >= size or end <= start:
        raise RangeNotSatisfiable()
    return start, end


def disposition(filename: str) -> str:
    fallback = filename.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def media_type(found: StoredFile) -> str:
    guessed, _ = mimetypes.guess_type(found.filename, strict=False)
    return guessed or found.content_type or "application/octet-stream"


async def open_download(
    store: FileStore, tenant: TenantDb, found: StoredFile, range_header: str | None
) -> Download:
    chosen = byte_range(range_header, found.size)
    start, end = chosen or (0, found.size)
    headers = {
        "Content-Disposition": disposition(found.filename),
        "Content-Length": str(end - start),
        "Accept-Ranges": "bytes",
        # The file is the user's, not ours: never let a browser run it as a page of this site.
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
    }
    if chosen is not None:
        headers["Content-Range"] = f"bytes {start}-{end - 1}/{found.size}"
    chunks = store.read(tenant.account, found.key, start, end if chosen else None)
    # The first chunk is read now, so that a missing file or a storage failure is still an
    # error response rather than a broken stream.
    try:
        first = await anext(chunks, b"")
    except MissingFile:
        raise NotFound("The file of this attachment is missing from storage.") from None
    return Download(206 if chosen else 200, headers, _prepend(first, chunks))


async def _prepend(first: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    if first:
        yield first
    async for chunk in rest:
        yield chunk
