"""The bodies of `/api/action/`, as the OpenAPI document shows them."""

from __future__ import annotations

from typing import Any

import msgspec


class ActionPlugin(msgspec.Struct):
    """An action to run: the plugin's action name and the data it takes."""

    action: str
    data: dict[str, Any]


class ActionPluginResult(msgspec.Struct):
    """The action and data as sent, and what the plugin answered (any JSON)."""

    action: str
    data: dict[str, Any]
    result: Any
