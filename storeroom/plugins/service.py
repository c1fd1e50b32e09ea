"""Running an action: check the request's `action` and `data`, find the plugin, perform it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from storeroom.errors import Invalid
from storeroom.plugins.interface import ActionContext, ActionPlugin

REQUIRED = "This field is required."


def read_action(body: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """`action` and `data` from a request body; every missing or wrong field is listed at once."""
    action, data = body.get("action"), _decoded(body.get("data"))
    problems = {"action": _action_problem(action), "data": _data_problem(data)}
    errors = {name: [message] for name, message in problems.items() if message}
    if errors or not isinstance(action, str) or not isinstance(data, dict):
        raise Invalid(errors)
    return action, data


def _decoded(data: Any) -> Any:
    # Form and multipart bodies can carry `data` only as JSON text.
    if isinstance(data, str) and data.strip():
        try:
            return msgspec.json.decode(data)
        except msgspec.DecodeError:
            return data
    return data


def _action_problem(action: Any) -> str | None:
    if action is None or action == "":
        return REQUIRED
    return None if isinstance(action, str) else "Not a valid string."


def _data_problem(data: Any) -> str | None:
    if data is None or data == "":
        return REQUIRED
    if isinstance(data, dict):
        return None
    return f'Expected a dictionary of items but got type "{type(data).__name__}".'


async def run_action(
    plugins: Mapping[str, ActionPlugin],
    action: str,
    data: dict[str, Any],
    context: ActionContext,
) -> dict[str, Any]:
    """The action's answer: the request echoed, with the plugin's `result`."""
    plugin = plugins.get(action)
    if plugin is None:
        # Unknown and disabled actions answer alike: which plugins are installed is not shown.
        raise Invalid.field("action", f'No matching action found for "{action}".')
    result = await plugin.perform(data, context)
    return {"action": action, "data": data, "result": result}
