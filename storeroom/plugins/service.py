"""Running an action: find the enabled plugin the request names, perform it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storeroom.errors import Invalid
from storeroom.plugins.interface import ActionContext, ActionPlugin
from storeroom.plugins.schemas import ActionPluginResult


async def run_action(
    plugins: Mapping[str, ActionPlugin],
    action: str,
    data: dict[str, Any],
    context: ActionContext,
) -> ActionPluginResult:
    """The action's answer: the request echoed, with the plugin's `result`."""
    plugin = plugins.get(action)
    if plugin is None:
        # Unknown and disabled actions answer alike: which plugins are installed is not shown.
        raise Invalid.field("action", f'No matching action found for "{action}".')
    result = await plugin.perform(data, context)
    return ActionPluginResult(action=action, data=data, result=result)
