"""Reading the generate endpoints' bodies into typed values, with InvenTree's field messages."""

from __future__ import annotations

from typing import Any

from storeroom.api.fields import LARGEST_INT
from storeroom.errors import Invalid


def optional_pk(values: dict[str, Any], name: str) -> int | None:
    """A primary key field: absent, null or empty is None; anything but an integer is refused."""
    value = values.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise Invalid.field(name, f"Incorrect type. Expected pk value, received {_kind(value)}.")
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, int):
        if not 0 <= value <= LARGEST_INT:
            # Beyond the id column's range: no such object can exist.
            raise Invalid.field(name, f'Invalid pk "{value}" - object does not exist.')
        return value
    raise Invalid.field(name, f"Incorrect type. Expected pk value, received {_kind(value)}.")


def required_pk(values: dict[str, Any], name: str) -> int:
    found = optional_pk(values, name)
    if found is None:
        raise Invalid.field(name, "This field is required.")
    return found


def positive_int(values: dict[str, Any], name: str, default: int, maximum: int) -> int:
    value = values.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool) or not isinstance(value, int | str | float):
        raise Invalid.field(name, "A valid integer is required.")
    try:
        number = int(value) if not isinstance(value, float) or value.is_integer() else None
    except ValueError:
        number = None
    if number is None:
        raise Invalid.field(name, "A valid integer is required.")
    if number < 1:
        raise Invalid.field(name, "Ensure this value is greater than or equal to 1.")
    if number > maximum:
        raise Invalid.field(name, f"Ensure this value is less than or equal to {maximum}.")
    return number


def optional_number(values: dict[str, Any], name: str) -> float | None:
    value = values.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise Invalid.field(name, "A valid number is required.")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise Invalid.field(name, "A valid number is required.") from None


def _kind(value: Any) -> str:
    return type(value).__name__
