"""The API is registered once, under `/api/`; the DEEP mount `/api/v1/` and the RBAC mount
`/api/rbac/v1/` serve the same routes (docs/api-behaviour.md, "Dialects").

Registering every route under each of the three prefixes cost 1,614 handlers and most of
`create_app()` (2-4 s of CPU, paid by every test client). Instead, before Litestar routes a
request, a path under a dialect mount is routed as its `/api/` twin: the mount's dialect is kept in
the scope (api/dialects.py reads it) and `raw_path` keeps the path the client sent, which is what
paged links and error reports show (api/envelopes.py, `request_path`). A route registered at its
own path under a mount (the DEEP OpenAPI document at `/api/v1/schema/`) is served there as before,
and a route outside the mount is not reachable through it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from litestar import Litestar, Router
from litestar.di import Provide
from litestar.enums import ScopeType
from litestar.exceptions import NotFoundException
from litestar.handlers import HTTPRouteHandler
from litestar.types import ControllerRouterHandler, Scope
from litestar.utils import normalize_path

from storeroom.api.dialects import MOUNT_KEY, Dialect
from storeroom.api.route_map import IncrementalRouteMap

API_PREFIX = "/api"
# Longest first: /api/rbac/v1/ is not /api/ + rbac/v1/.
DIALECT_PREFIXES: tuple[tuple[str, Dialect], ...] = (
    ("/api/rbac/v1", Dialect.RBAC),
    ("/api/v1", Dialect.DEEP),
)
MOUNTED = "api_mount"


class ApiMount(IncrementalRouteMap, Router):
    """The API's routes under `/api/`, marked so the dialect mounts may serve them.

    Litestar deep-copies a router when it is registered, in case one router object is shared
    between applications; this one is built for a single application, and the copy (of every
    handler, with its resource declaration) was half of `create_app()`.
    """

    def __init__(
        self,
        route_handlers: Sequence[ControllerRouterHandler],
        dependencies: Mapping[str, Provide] | None = None,
    ) -> None:
        parse_signatures(route_handlers)
        super().__init__(
            API_PREFIX,
            route_handlers=route_handlers,
            opt={MOUNTED: True},
            dependencies=dict(dependencies or {}),
        )

    def __deepcopy__(self, memo: dict[int, Any]) -> ApiMount:
        return self


def parse_signatures(handlers: Sequence[ControllerRouterHandler]) -> None:
    """Parse each handler function's signature once per process.

    Each application registers copies of the module's handlers; a copy keeps what its original
    already parsed, so the (pure) type-hint evaluation is not repeated for every application.
    """
    for handler in handlers:
        if isinstance(handler, HTTPRouteHandler):
            handler.parsed_fn_signature  # noqa: B018 (computed and kept on the handler)


def mount_of(path: str) -> tuple[str, Dialect] | None:
    for prefix, dialect in DIALECT_PREFIXES:
        if path.startswith(prefix) and (len(path) == len(prefix) or path[len(prefix)] == "/"):
            return prefix, dialect
    return None


class MountRouting:
    """Routes a request under a dialect mount as its `/api/` twin, where the mount serves it."""

    def __init__(self, app: Litestar) -> None:
        self.app = app
        # Per instance, like Litestar's routing cache (a class-level one would keep apps alive).
        self.served_by_twin: Callable[[str], bool] = lru_cache(1024)(self._served_by_twin)

    def _handler(self, path: str) -> Any:
        # Every Litestar route answers OPTIONS, so routing OPTIONS tells whether the path exists.
        try:
            return self.app.asgi_router.handle_routing(path=path, method="OPTIONS")[1]
        except NotFoundException:
            return None

    def _served_by_twin(self, path: str) -> bool:
        """Whether a (normalized) path under a dialect mount is served by its `/api/` route."""
        found = mount_of(path)
        if found is None or self._handler(path) is not None:
            return False
        handler = self._handler(normalize_path(API_PREFIX + path[len(found[0]) :]))
        return handler is not None and bool(handler.opt.get(MOUNTED))

    def rewrite(self, scope: Scope) -> None:
        """Route a dialect mount's request to the `/api/` route that serves it."""
        if scope["type"] != ScopeType.HTTP:
            return
        path = scope["path"]
        root = scope.get("root_path", "")
        # Litestar routes the path without the root path; so does this.
        inner = path.split(root, maxsplit=1)[-1] if root else path
        found = mount_of(inner)
        if found is None:
            return
        if not self.served_by_twin(normalize_path(inner)):
            return
        prefix, dialect = found
        scope.setdefault("state", {})[MOUNT_KEY] = dialect
        if "raw_path" not in scope:
            scope["raw_path"] = path.encode()
        scope["path"] = root + API_PREFIX + inner[len(prefix) :]
