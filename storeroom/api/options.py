"""OPTIONS on every path: 204 with an `Allow` header naming exactly the path's methods.

Litestar makes its own OPTIONS handler when a path's first handler is registered, and keeps that
handler's method list when more handlers join the path, so it would answer `Allow: GET, OPTIONS`
where PUT, PATCH and DELETE are served too. These handlers are registered first, with the whole
list, so Litestar makes none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from litestar import Response, route
from litestar.handlers import HTTPRouteHandler
from litestar.types import ControllerRouterHandler


def allow_handler(path: str, methods: Iterable[str]) -> HTTPRouteHandler:
    allow = ", ".join(sorted({*methods, "OPTIONS"}))

    async def allowed_methods() -> Response[None]:
        return Response(None, status_code=204, headers={"Allow": allow})

    return route(
        path,
        http_method="OPTIONS",
        include_in_schema=False,
        name=f"options:{path}",
        opt={"trailing_slash": path.endswith("/")},
    )(allowed_methods)


def options_routes(handlers: Iterable[ControllerRouterHandler]) -> list[HTTPRouteHandler]:
    """One OPTIONS handler per path the given handlers serve."""
    methods: dict[str, set[str]] = defaultdict(set)
    for handler in handlers:
        if isinstance(handler, HTTPRouteHandler):
            for path in handler.paths:
                methods[path] |= set(handler.http_methods)
    return [allow_handler(path, found) for path, found in methods.items() if "OPTIONS" not in found]
