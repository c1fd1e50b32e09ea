import struct
import zlib
from pathlib import Path

import pytest

import storeroom.icons
from tests.conftest import Client

DATA = Path(storeroom.icons.__file__).parent / "data"
MEDIA_TYPES = {"woff2": "font/woff2", "woff": "font/woff"}


async def font_urls(client: Client) -> dict[str, str]:
    (tabler,) = (await client.get("/api/icons/")).json()
    return dict(tabler["fonts"])


@pytest.mark.parametrize("kind", ["woff2", "woff"])
async def test_each_font_downloads_as_the_shipped_file(anonymous: Client, kind: str) -> None:
    url = (await font_urls(anonymous))[kind]
    response = await anonymous.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == MEDIA_TYPES[kind]
    assert response.content == (DATA / url.rsplit("/", 1)[1]).read_bytes()


async def test_fonts_may_be_cached_forever(anonymous: Client) -> None:
    response = await anonymous.get((await font_urls(anonymous))["woff2"])
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["etag"].startswith('"')


async def test_a_client_that_has_the_font_is_not_sent_it_again(anonymous: Client) -> None:
    url = (await font_urls(anonymous))["woff2"]
    etag = (await anonymous.get(url)).headers["etag"]
    again = await anonymous.get(url, headers={"If-None-Match": f'"other", W/{etag}'})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)


async def test_a_changed_etag_gets_the_font(anonymous: Client) -> None:
    url = (await font_urls(anonymous))["woff2"]
    response = await anonymous.get(url, headers={"If-None-Match": '"stale"'})
    assert response.status_code == 200


async def test_an_unknown_font_is_404(anonymous: Client) -> None:
    response = await anonymous.get("/api/icons/fonts/no-such-font.woff2")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    "name",
    [
        "..%2F..%2Fsettings.py",
        "..%2Fservice.py",
        "%2E%2E%2Fservice.py",
        "tabler-icons.json",
        "tabler-icons.LICENSE",
        "%2E%2E",
    ],
)
async def test_nothing_but_a_shipped_font_is_served(anonymous: Client, name: str) -> None:
    response = await anonymous.get(f"/api/icons/fonts/{name}")
    assert response.status_code == 404


def woff_code_points(woff: bytes) -> set[int]:
    """The characters a WOFF font has glyphs for (its cmap table, formats 4 and 12)."""
    (count,) = struct.unpack(">H", woff[12:14])
    cmap = b""
    for index in range(count):
        tag, offset, size, original, _ = struct.unpack(">4sIIII", woff[44 + 20 * index :][:20])
        if tag == b"cmap":
            table = woff[offset : offset + size]
            cmap = zlib.decompress(table) if size < original else table
    found: set[int] = set()
    (subtables,) = struct.unpack(">H", cmap[2:4])
    for index in range(subtables):
        (start,) = struct.unpack(">I", cmap[8 + 8 * index : 12 + 8 * index])
        subtable = cmap[start:]
        (kind,) = struct.unpack(">H", subtable[:2])
        if kind == 4:
            (segments,) = struct.unpack(">H", subtable[6:8])
            ends = struct.unpack(f">{segments // 2}H", subtable[14 : 14 + segments])
            starts = struct.unpack(
                f">{segments // 2}H", subtable[16 + segments : 16 + 2 * segments]
            )
            found.update(c for a, b in zip(starts, ends, strict=True) for c in range(a, b + 1))
        elif kind == 12:
            (groups,) = struct.unpack(">I", subtable[12:16])
            for group in range(groups):
                first, last, _ = struct.unpack(">III", subtable[16 + 12 * group :][:12])
                found.update(range(first, last + 1))
    return found


async def test_the_font_has_a_glyph_for_every_variant_of_every_icon(anonymous: Client) -> None:
    (tabler,) = (await anonymous.get("/api/icons/")).json()
    glyphs = woff_code_points((await anonymous.get(tabler["fonts"]["woff"])).content)
    missing = [
        f"{name} {variant}"
        for name, icon in tabler["icons"].items()
        for variant, code in icon["variants"].items()
        if int(code, 16) not in glyphs
    ]
    assert missing == []
