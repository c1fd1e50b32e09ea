"""The shapes of `/api/generic/status/` answers (declared for the OpenAPI document)."""

from __future__ import annotations

import msgspec


class StatusValue(msgspec.Struct):
    key: int
    name: str
    label: str
    color: str
    # The built-in key a custom state stands for; a built-in value's own key.
    logical_key: int
    custom: bool


class StatusClass(msgspec.Struct):
    class_: str = msgspec.field(name="class")
    values: dict[str, StatusValue] = msgspec.field(default_factory=dict)


class CustomState(msgspec.Struct):
    """A tenant's custom state as `merge_custom` needs it (a row of the custom state model)."""

    key: int
    name: str
    label: str
    color: str
    logical_key: int
