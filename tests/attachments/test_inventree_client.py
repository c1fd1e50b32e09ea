"""The real `inventree` client uploads a file to a part, lists it and downloads it intact."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

from inventree.api import InvenTreeAPI
from inventree.part import Part, PartCategory

from tests.conftest import PASSWORD


async def test_inventree_client_uploads_lists_and_downloads(
    live_server: str, tmp_path: Path
) -> None:
    # The module's shared app lives on this test's event loop: the blocking client runs in a
    # thread so that loop keeps going (a frozen loop would hold any transaction it had open).
    await asyncio.to_thread(upload_list_and_download, live_server, tmp_path)


def upload_list_and_download(live_server: str, tmp_path: Path) -> None:
    api = InvenTreeAPI(live_server, username="admin", password=PASSWORD, timeout=30)
    category = PartCategory.create(api, {"name": "Fasteners", "description": "Bolts"})
    part = Part.create(api, {"name": "M3 bolt", "description": "A bolt", "category": category.pk})
    source = tmp_path / "drawing.bin"
    content = bytes(range(256)) * 4096
    source.write_bytes(content)
    answer = part.uploadAttachment(str(source), comment="the drawing")
    assert answer["filename"] == "drawing.bin"
    (found,) = part.getAttachments()
    assert (found.filename, found.comment, found.file_size) == (
        "drawing.bin",
        "the drawing",
        len(content),
    )
    target = tmp_path / "downloaded"
    target.mkdir()
    assert found.download(str(target))
    downloaded = (target / "drawing.bin").read_bytes()
    assert hashlib.sha256(downloaded).digest() == hashlib.sha256(content).digest()
