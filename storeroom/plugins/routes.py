"""`POST /api/action/`: run an enabled action plugin."""

from __future__ import annotations

from storeroom.api.actions import ActionCall, action
from storeroom.errors import NotAuthenticated
from storeroom.plugins import service
from storeroom.plugins.interface import ActionContext
from storeroom.plugins.registry import load_enabled
from storeroom.plugins.schemas import ActionPlugin as ActionRequest
from storeroom.plugins.schemas import ActionPluginResult


async def perform_action(call: ActionCall[ActionRequest]) -> ActionPluginResult:
    """Run the action plugin named `action` with `data`; unknown or disabled actions are 400."""
    if call.identity is None:
        raise NotAuthenticated()
    # Loaded on the first action and kept for the application's life.
    plugins = call.kept("action_plugins", lambda: load_enabled(call.settings.plugins_enabled))
    context = ActionContext(identity=call.identity, tenant=call.tenant, settings=call.settings)
    return await service.run_action(plugins, call.body.action, call.body.data, context)


PERFORM = action(
    "/api/",
    "action",
    body=ActionRequest,
    response=ActionPluginResult,
    status_code=200,
    description="Run the action plugin named `action` with `data`.",
    run=perform_action,
)

routes = [PERFORM.route]
