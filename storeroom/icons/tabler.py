"""Tabler Icons, taken from its two published npm packages into `data/`.

The server ships one release of Tabler (MIT, https://tabler.io/icons) as data, so that it runs
without the internet: the webfont in woff2 and woff, the licence, and a compact index of every
icon (`tabler-icons.json`, read by service.py). Refresh it with the tarballs `npm pack` fetches:

    npm pack @tabler/icons@3.36.0 @tabler/icons-webfont@3.36.0
    python -m storeroom.icons.tabler tabler-icons-3.36.0.tgz tabler-icons-webfont-3.36.0.tgz

3.36.0 is the last release whose `tabler-icons` font holds the filled glyphs as well as the
outline ones; later releases moved them to a second font, and a package has one font family in
InvenTree's clients, so its `filled` variants would draw nothing. The TrueType file is left out:
it is as large as the other two together, and every browser reads woff2 or woff.
"""

from __future__ import annotations

import base64
import hashlib
import sys
import tarfile
from pathlib import Path
from typing import Any

import msgspec

from storeroom.icons.schemas import IndexedIcon, PackageIndex

VERSION = "3.36.0"
# The tarballs' `dist.integrity`, as the npm registry publishes it.
ICONS_INTEGRITY = (
    "sha512-z9OfTEG6QbaQWM9KBOxxUdpgvMUn0atageXyiaSc2gmYm51ORO8Ua7eUcjlks+"
    "Dc0YMK4rrodAFdK9SfjJ4ZcA=="
)
WEBFONT_INTEGRITY = (
    "sha512-ZFF6S4ryLq4HKL9VVYLOkEzHyfjippAQhcVXQyz8d5t7pDSA7e+YeI547EEYXU9F"
    "gqdvJ7W7zf4LD3zUfLWKIg=="
)
DATA = Path(__file__).parent / "data"
# Font format, as CSS names it -> the file in the webfont package.
FONTS = {"woff2": "tabler-icons.woff2", "woff": "tabler-icons.woff"}


def check_integrity(tarball: Path, expected: str) -> None:
    digest = hashlib.sha512(tarball.read_bytes()).digest()
    found = "sha512-" + base64.b64encode(digest).decode()
    if found != expected:
        raise SystemExit(f"{tarball}: integrity {found} is not the published {expected}")


def member(tarball: Path, name: str) -> bytes:
    with tarfile.open(tarball) as archive:
        extracted = archive.extractfile(f"package/{name}")
        if extracted is None:
            raise SystemExit(f"{tarball} has no file package/{name}")
        return extracted.read()


def indexed_icon(icon: dict[str, Any]) -> IndexedIcon:
    # A few tags are numbers in icons.json (`2` for "armchair-2"); the contract types them strings.
    return IndexedIcon(
        category=str(icon["category"]),
        tags=[str(tag) for tag in icon["tags"]],
        variants={style: str(glyph["unicode"]) for style, glyph in icon["styles"].items()},
    )


def package_index(icons_json: bytes) -> PackageIndex:
    icons: dict[str, dict[str, Any]] = msgspec.json.decode(icons_json)
    return PackageIndex(
        name="Tabler Icons",
        prefix="ti",
        version=VERSION,
        source=(
            f"npm @tabler/icons@{VERSION} ({ICONS_INTEGRITY}), "
            f"@tabler/icons-webfont@{VERSION} ({WEBFONT_INTEGRITY})"
        ),
        licence="tabler-icons.LICENSE",
        fonts={kind: font_name(file) for kind, file in FONTS.items()},
        icons={name: indexed_icon(icon) for name, icon in sorted(icons.items())},
    )


def font_name(file: str) -> str:
    # The version in the name lets the server mark each font immutable in caches.
    stem, suffix = file.rsplit(".", 1)
    return f"{stem}-{VERSION}.{suffix}"


def write_data(icons_tarball: Path, webfont_tarball: Path) -> None:
    check_integrity(icons_tarball, ICONS_INTEGRITY)
    check_integrity(webfont_tarball, WEBFONT_INTEGRITY)
    index = package_index(member(icons_tarball, "icons.json"))
    for old in DATA.glob("tabler-icons*"):
        old.unlink()
    for kind, file in FONTS.items():
        (DATA / index.fonts[kind]).write_bytes(member(webfont_tarball, f"dist/fonts/{file}"))
    (DATA / index.licence).write_bytes(member(webfont_tarball, "LICENSE"))
    (DATA / "tabler-icons.json").write_bytes(index_file(index))


def index_file(index: PackageIndex) -> bytes:
    """Compact JSON with one icon a line, so that a refresh reads as a diff of the icons changed."""
    head = msgspec.json.encode(msgspec.structs.replace(index, icons={}))
    lines = [
        msgspec.json.encode(name) + b":" + msgspec.json.encode(icon)
        for name, icon in index.icons.items()
    ]
    return head.removesuffix(b"{}}") + b"{\n" + b",\n".join(lines) + b"\n}}\n"


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(
            f"usage: python -m storeroom.icons.tabler ICONS_TGZ WEBFONT_TGZ ({VERSION})"
        )
    write_data(Path(sys.argv[1]), Path(sys.argv[2]))
