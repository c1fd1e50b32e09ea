"""Part images: an upload checked with Pillow (a file Pillow cannot read as an image is a 400),
stored with a PNG thumbnail through the attachment file store, and served back to API callers.

An image is kept under `part_images/<32 hex>/image.<format>` beside its
`part_images/<32 hex>/thumbnail.png`; the part's `image` column holds the URL that serves it
(`IMAGE_URL` + the key's last two parts), from which models/part.py derives `thumbnail`. A new
key for every upload: parts duplicated with `copy_image` share one image, and a replaced image is
removed only when no part uses it any more.
"""

from __future__ import annotations

import io
import re
import uuid
import warnings
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import anyio.to_thread
import sqlalchemy as sa
from PIL import Image, UnidentifiedImageError
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.attachments.storage.store import FileStore, MissingFile
from storeroom.errors import Invalid, NotFound
from storeroom.models.expressions import table
from storeroom.models.part import IMAGE_URL

NOT_AN_IMAGE = (
    "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
)
# What a browser shows; Pillow reads more (PSD, ...), which InvenTree's ImageField would accept
# only under an image extension.
FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "BMP": "bmp", "WEBP": "webp", "TIFF": "tif"}
THUMBNAIL_SIZE = (256, 256)
BLOCK = 1024 * 1024
FOLDER = re.compile(r"^[0-9a-f]{32}$")
NAME = re.compile(r"^(image\.(png|jpg|gif|bmp|webp|tif)|thumbnail\.png)$")
MEDIA_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "webp": "image/webp",
    "tif": "image/tiff",
}


@dataclass(frozen=True, slots=True)
class CheckedImage:
    extension: str
    thumbnail: bytes


def inspect(path: Path) -> CheckedImage:
    """Pillow's verdict on a file (run in a worker thread): its format and a PNG thumbnail."""
    try:
        with warnings.catch_warnings():
            # An image of more than Pillow's pixel limit is refused, not decoded.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                opened.verify()
            with Image.open(path) as opened:
                extension = FORMATS.get(opened.format or "")
                if extension is None:
                    raise Invalid.field("image", NOT_AN_IMAGE)
                shrunk = opened.convert("RGBA") if opened.mode not in ("RGB", "RGBA") else opened
                shrunk.thumbnail(THUMBNAIL_SIZE)
                written = io.BytesIO()
                shrunk.save(written, "PNG")
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ):
        raise Invalid.field("image", NOT_AN_IMAGE) from None
    return CheckedImage(extension, written.getvalue())


async def check(path: Path) -> CheckedImage:
    return await anyio.to_thread.run_sync(inspect, path)


def key_of(url: str) -> str:
    return "part_images/" + url.removeprefix(IMAGE_URL)


def thumbnail_key(url: str) -> str:
    return key_of(url).rsplit("/", 1)[0] + "/thumbnail.png"


async def _file_chunks(path: Path) -> AsyncIterator[bytes]:
    handle = await anyio.to_thread.run_sync(path.open, "rb")
    try:
        while chunk := await anyio.to_thread.run_sync(handle.read, BLOCK):
            yield chunk
    finally:
        handle.close()


async def _write(store: FileStore, account: str, key: str, chunks: AsyncIterator[bytes]) -> None:
    sink = await store.writer(account, key)
    try:
        async for chunk in chunks:
            await sink.write(chunk)
        await sink.finish()
    except BaseException:
        await sink.abort()
        raise


async def _one(content: bytes) -> AsyncIterator[bytes]:
    yield content


async def store_image(store: FileStore, account: str, path: Path, checked: CheckedImage) -> str:
    """Write a checked image and its thumbnail; the URL the part's `image` then holds."""
    folder = uuid.uuid4().hex
    url = f"{IMAGE_URL}{folder}/image.{checked.extension}"
    await _write(store, account, key_of(url), _file_chunks(path))
    try:
        await _write(store, account, thumbnail_key(url), _one(checked.thumbnail))
    except BaseException:
        await store.delete(account, key_of(url))
        raise
    return url


async def remove_image(store: FileStore, account: str, url: str) -> None:
    await store.delete(account, key_of(url))
    await store.delete(account, thumbnail_key(url))


async def is_used(connection: AsyncConnection, url: str) -> bool:
    part = table("part")
    found = await connection.execute(sa.select(part.c.id).where(part.c.image == url).limit(1))
    return found.first() is not None


async def current_image(connection: AsyncConnection, pk: int) -> str | None:
    part = table("part")
    row = (await connection.execute(sa.select(part.c.image).where(part.c.id == pk))).first()
    if row is None:
        raise NotFound()
    return row.image or None


def media_type(name: str) -> str:
    return MEDIA_TYPES[name.rsplit(".", 1)[1]]


async def open_image(
    store: FileStore, account: str, folder: str, name: str
) -> AsyncIterator[bytes]:
    """The stored file's chunks; NotFound for a name no upload makes or a file not there."""
    if not FOLDER.match(folder) or not NAME.match(name):
        raise NotFound()
    chunks = store.read(account, f"part_images/{folder}/{name}")
    try:
        first = await anext(chunks, b"")
    except MissingFile:
        raise NotFound() from None
    return _prepend(first, chunks)


async def _prepend(first: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    if first:
        yield first
    async for chunk in rest:
        yield chunk
