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


# Values under these keys are the client's own data (JSON it stored, a file's columns): their
# keys are kept as they are.
CLIENT_DATA_KEYS = frozenset(
    {"metadata", "row_data", "field_defaults", "field_overrides", "field_filters", "exchange_rates"}
)


def camel_keys(value: Any) -> Any:
    """Field names in camelCase, through nested objects and lists, but not into client data."""
    if isinstance(value, dict):
        return {
            camel(key): item if key in CLIENT_DATA_KEYS else camel_keys(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [camel_keys(item) for item in value]
    return value


def snake_keys(value: dict[str, Any]) -> dict[str, Any]:
    return {snake(key): item for key, item in value.items()}
