"""The Litestar application class: two steps run before Litestar routes a request.

Constant answers are written straight to the socket (constant_responses.py); a request under a
dialect mount is routed to the `/api/` route that serves it (mounts.py).
"""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.types import Receive, Scope, Send

from storeroom.api.constant_responses import constant_response
from storeroom.api.mounts import MountRouting


class ApiApp(Litestar):
    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.mount_routing = MountRouting(self)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # type: ignore[override]
        messages = constant_response(self, scope)
        if messages is not None:
            for message in messages:
                await send(message)
            return
        self.mount_routing.rewrite(scope)
        await super().__call__(scope, receive, send)
