"""The icon package as InvenTree's IconPackage serializer answers it, and the index file that
`data/` holds for each shipped package."""

from __future__ import annotations

import msgspec


class Icon(msgspec.Struct):
    name: str
    category: str
    tags: list[str]
    # Variant (outline, filled) -> the glyph's code point in the package's font, in hex.
    variants: dict[str, str]


class IconPackage(msgspec.Struct):
    name: str
    prefix: str
    # Font format as CSS names it (woff2, woff, truetype) -> the URL the server serves it at.
    fonts: dict[str, str]
    icons: dict[str, Icon]


class IndexedIcon(msgspec.Struct, forbid_unknown_fields=True):
    category: str
    tags: list[str]
    variants: dict[str, str]


class PackageIndex(msgspec.Struct, forbid_unknown_fields=True):
    """`data/<package>.json`: what tabler.py took from the published package, nothing else."""

    name: str
    prefix: str
    version: str
    # Where the files came from, with the registry's integrity hashes.
    source: str
    licence: str
    # Font format -> a file name in data/.
    fonts: dict[str, str]
    icons: dict[str, IndexedIcon]
