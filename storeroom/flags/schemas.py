"""A condition as the `flags` setting declares it, and a flag as the API answers it."""

from __future__ import annotations

import msgspec


class DeclaredCondition(msgspec.Struct, forbid_unknown_fields=True):
    condition: str
    # Its type depends on the condition; service.py checks it. None: the condition's default.
    value: bool | str | None = None
    required: bool = False


class ConditionOut(msgspec.Struct):
    condition: str
    value: bool | str
    required: bool


class FlagOut(msgspec.Struct):
    key: str
    # Whether the flag is on for the caller of this request.
    state: bool
    conditions: list[ConditionOut]
