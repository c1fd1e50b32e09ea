"""The icon packages shipped in `data/` (one index file each, with its font files), read once.

Each `data/*.json` is a package as tabler.py wrote it. The catalogue is built the first time it is
asked for and kept for the life of the process: the files ship with the code and never change
while it runs, and the unpaged list (about 1 MB of JSON) is encoded once, not per request.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from storeroom.errors import NotFound
from storeroom.icons.schemas import Icon, IconPackage, PackageIndex

DATA = Path(__file__).parent / "data"
# The path every API mount serves the fonts under; clients prefix it with the server's address,
# as they do InvenTree's /static/ URLs.
FONT_URL = "/api/icons/fonts/"
MEDIA_TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf"}


@dataclass(frozen=True, slots=True)
class FontFile:
    path: Path
    media_type: str
    # The file's content hash: its strong ETag.
    digest: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    # Each package as plain JSON values, for pages and the dialects that rewrite bodies.
    packages: tuple[dict[str, Any], ...]
    # The whole list as drf answers it without `limit`: a JSON array.
    listing: bytes
    # File name -> font; nothing outside this table is ever served.
    fonts: dict[str, FontFile]


def font_file(path: Path) -> FontFile:
    media_type = MEDIA_TYPES.get(path.suffix)
    if media_type is None or not path.is_file():
        raise ValueError(f"icon font {path} is missing or of an unknown format")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
    return FontFile(path=path, media_type=media_type, digest=digest)


def package_of(index: PackageIndex) -> IconPackage:
    return IconPackage(
        name=index.name,
        prefix=index.prefix,
        fonts={kind: FONT_URL + file for kind, file in index.fonts.items()},
        icons={
            name: Icon(name=name, category=icon.category, tags=icon.tags, variants=icon.variants)
            for name, icon in index.icons.items()
        },
    )


# Module state on purpose: the shipped data is as constant as the code that reads it.
@cache
def catalogue() -> Catalogue:
    """Every shipped package; a broken data folder fails here, loudly, not with a 404."""
    indexes = [
        msgspec.json.decode(path.read_bytes(), type=PackageIndex)
        for path in sorted(DATA.glob("*.json"))
    ]
    packages = [package_of(index) for index in indexes]
    return Catalogue(
        packages=tuple(msgspec.to_builtins(package) for package in packages),
        listing=msgspec.json.encode(packages),
        fonts={file: font_file(DATA / file) for index in indexes for file in index.fonts.values()},
    )


def find_font(filename: str) -> FontFile:
    """A shipped font by its file name; any other name (a path, `..`) is not found."""
    found = catalogue().fonts.get(filename)
    if found is None:
        raise NotFound()
    return found
