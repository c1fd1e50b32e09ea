"""Upload names: the name shown keeps what the user called the file, minus anything that could
steer a path (separators, `..`, control characters); the stored name is plain ASCII."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 255
MAX_STORED = 120
UNSAFE_STORED = re.compile(r"[^A-Za-z0-9._-]+")
DOTS = re.compile(r"\.{2,}")


def display_name(raw: str) -> str:
    """The name shown: the last path part, without control characters or a leading dot run."""
    last = re.split(r"[/\\]", raw)[-1]
    printable = "".join(
        character for character in last if unicodedata.category(character) not in {"Cc", "Cf"}
    )
    cleaned = DOTS.sub(".", printable).strip().lstrip(".").strip()
    if len(cleaned) > MAX_NAME:
        stem, dot, extension = cleaned.rpartition(".")
        keep = extension[:16] if dot and stem else ""
        cleaned = cleaned[: MAX_NAME - len(keep) - 1] + "." + keep if keep else cleaned[:MAX_NAME]
    return cleaned or "attachment"


def stored_name(shown: str) -> str:
    """The name in storage and in the download URL: ASCII letters, digits, `.`, `_` and `-`."""
    ascii_only = unicodedata.normalize("NFKD", shown).encode("ascii", "ignore").decode()
    safe = DOTS.sub(".", UNSAFE_STORED.sub("_", ascii_only)).strip("._-")
    if len(safe) > MAX_STORED:
        stem, dot, extension = safe.rpartition(".")
        keep = extension[:16] if dot and stem else ""
        safe = safe[: MAX_STORED - len(keep) - 1] + "." + keep if keep else safe[:MAX_STORED]
    return safe or "file"
