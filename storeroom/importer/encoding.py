"""The text encoding of a CSV or TSV upload: detected from a prefix of the file, or named by the
upload (its optional `encoding` field), in which case the stored file is rewritten as UTF-8 once,
when it is received, so that every later step (and a resumed one) reads it as UTF-8.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

import charset_normalizer

from storeroom.errors import Invalid

BLOCK_CHARACTERS = 64 * 1024
WORDS = re.compile(r"[^\W\d_]+")


def detect_encoding(prefix: bytes) -> str:
    if prefix.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if prefix.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    # A prefix may end inside a multi-byte character: ignore up to three bytes of it.
    for cut in range(4):
        try:
            prefix[: len(prefix) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return "utf-8"
    if _reads_as_western(prefix):
        return "cp1252"
    best = charset_normalizer.from_bytes(prefix).best()
    return best.encoding if best is not None else "cp1252"


def _reads_as_western(prefix: bytes) -> bool:
    """Whether the text is Windows-1252 (what Excel writes on Western systems; ISO-8859-1's
    printable characters are part of it): it decodes, and its accented letters sit among plain
    ones ("café", "Größe"). Cyrillic or Greek bytes read as Windows-1252 are words of accented
    letters only ("Ïðèâåò"); charset-normalizer's guess, asked about short Western text, is as
    often Central European or Baltic ("naïve" read as "naďve")."""
    try:
        text = prefix.decode("cp1252")
    except UnicodeDecodeError:
        return False
    letters = accented = 0
    for word in WORDS.findall(text):
        if not word.isascii():
            letters += len(word)
            accented += sum(not character.isascii() for character in word)
    return accented <= letters * 0.5


def named_encoding(name: Any, kind: str) -> str | None:
    """The text encoding an upload names (its optional `encoding` field), checked."""
    if name is None or name == "":
        return None
    if not isinstance(name, str) or len(name) > 40:
        raise Invalid.field("encoding", "Not a valid encoding name.")
    if kind not in ("csv", "tsv"):
        raise Invalid.field("encoding", "Only a CSV or TSV file is read in a named encoding.")
    try:
        info = codecs.lookup(name)
        # Bytes-to-bytes and text-to-text codecs ("base64", "zip", "rot13") are marked as not
        # text encodings (CPython's own flag, which str.encode checks too); "undefined" refuses
        # everything.
        is_text = getattr(info, "_is_text_encoding", True) and isinstance(info.decode(b"")[0], str)
    except (LookupError, TypeError, ValueError):
        is_text = False
    if not is_text:
        raise Invalid.field("encoding", f'"{name}" is not a known encoding.')
    # A byte order mark is the encoding's own: it is not part of the first column's name.
    return "utf-8-sig" if info.name == "utf-8" else name


def transcode(path: Path, encoding: str) -> None:
    """Rewrite a text file from `encoding` to UTF-8, so that the steps read it as UTF-8; a file
    that is not valid in that encoding is removed and refused."""
    target = path.with_name(path.name + ".utf8")
    try:
        with (
            path.open(encoding=encoding, newline="") as source,
            target.open("w", encoding="utf-8", newline="") as sink,
        ):
            while block := source.read(BLOCK_CHARACTERS):
                sink.write(block)
    except UnicodeError:
        target.unlink(missing_ok=True)
        path.unlink(missing_ok=True)
        raise Invalid.field("encoding", f"The file is not valid {encoding} text.") from None
    target.replace(path)
