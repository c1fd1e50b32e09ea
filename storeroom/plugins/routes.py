"""`POST /api/action/`: run an enabled action plugin."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from litestar import Request, Response, post

from storeroom.api.bodies import read_body
from storeroom.api.context import api_context, require_identity, tenant_of
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.routes import render
from storeroom.plugins import service
from storeroom.plugins.interface import ActionContext, ActionPlugin
from storeroom.plugins.registry import load_enabled
from storeroom.plugins.schemas import ActionPlugin as ActionRequest
from storeroom.plugins.schemas import ActionPluginResult

AnyRequest = Request[Any, Any, Any]


def enabled_plugins(request: AnyRequest) -> Mapping[str, ActionPlugin]:
    """The application's enabled plugins, loaded on the first action and kept in its state."""
    state = request.app.state
    plugins: Mapping[str, ActionPlugin] | None = getattr(state, "action_plugins", None)
    if plugins is None:
        plugins = load_enabled(api_context(request).settings.plugins_enabled)
        state.action_plugins = plugins
    return plugins


@post(
    "/action/",
    name="action",
    operation_id="action_create",
    status_code=200,
    opt={"schema": OperationSchema(request=ActionRequest, response=ActionPluginResult)},
)
async def perform_action(request: AnyRequest) -> Response[bytes]:
    """Run the action plugin named `action` with `data`; unknown or disabled actions are 400."""
    action, data = service.read_action(await read_body(request))
    context = ActionContext(
        identity=require_identity(request),
        tenant=tenant_of(request),
        settings=api_context(request).settings,
    )
    answer = await service.run_action(enabled_plugins(request), action, data, context)
    return render(request, answer)


routes = [perform_action]
