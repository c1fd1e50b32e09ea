"""The Litestar application class: three steps run before Litestar routes a request.

Constant answers are written straight to the socket (constant_responses.py); what start-up made
is put in the scope, where the middleware and each handler's context find it (context.py); a
request under a dialect mount is routed to the `/api/` route that serves it (mounts.py).
"""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.types import Receive, Scope, Send

from storeroom.api.constant_responses import constant_response
from storeroom.api.context import Started
from storeroom.api.mounts import MountRouting
from storeroom.api.route_map import IncrementalRouteMap
from storeroom.auth.middleware import PLATFORM_KEY


class ApiApp(IncrementalRouteMap, Litestar):
    def __init__(self, started: Started, **options: Any) -> None:
        super().__init__(**options)
        self.started = started
        self.mount_routing = MountRouting(self)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # type: ignore[override]
        messages = constant_response(self, scope)
        if messages is not None:
            for message in messages:
                await send(message)
            return
        scope[PLATFORM_KEY] = self.started  # type: ignore[literal-required]
        self.mount_routing.rewrite(scope)
        await super().__call__(scope, receive, send)
