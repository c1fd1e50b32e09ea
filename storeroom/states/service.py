"""The status classes as answers: built-in values, later merged with a tenant's custom states."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storeroom.errors import Invalid
from storeroom.states.classes import STATUS_CLASSES
from storeroom.states.schemas import CustomState


def builtin_values(name: str) -> dict[str, dict[str, Any]]:
    """The values of one built-in class, keyed by name; unknown class → Invalid."""
    declared = STATUS_CLASSES.get(name)
    if declared is None:
        raise Invalid.field("statusmodel", f"Status class '{name}' not found.")
    return {
        value_name: {
            "key": key,
            "name": value_name,
            "label": label,
            "color": color,
            "logical_key": key,
            "custom": False,
        }
        for value_name, key, label, color in declared
    }


def merge_custom(
    values: dict[str, dict[str, Any]], custom_states: Iterable[CustomState]
) -> dict[str, dict[str, Any]]:
    """The built-in values followed by the custom states of the same class.

    A custom state never replaces a built-in value (its key differs from every built-in key, as
    the custom state model enforces); should its name clash, the built-in value keeps the name.
    """
    merged = dict(values)
    for state in custom_states:
        merged.setdefault(
            state.name,
            {
                "key": state.key,
                "name": state.name,
                "label": state.label,
                "color": state.color,
                "logical_key": state.logical_key,
                "custom": True,
            },
        )
    return merged


def status_class(name: str) -> dict[str, Any]:
    return {"class": name, "values": builtin_values(name)}


def all_status_classes() -> dict[str, dict[str, Any]]:
    return {name: status_class(name) for name in STATUS_CLASSES}
