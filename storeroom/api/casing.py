"""Key case for the DEEP dialect: camelCase out, camelCase or snake_case in."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_UPPER = re.compile(r"(?<!^)(?=[A-Z])")


@lru_cache(maxsize=4096)
def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@lru_cache(maxsize=4096)
def snake(name: str) -> str:
    return _UPPER.sub("_", name).lower()


def camel_keys(value: dict[str, Any]) -> dict[str, Any]:
    """Top-level field names only: nested JSON such as metadata is the client's own data."""
    return {camel(key): item for key, item in value.items()}


def snake_keys(value: dict[str, Any]) -> dict[str, Any]:
    return {snake(key): item for key, item in value.items()}
