"""Litestar's path → method → handler map, kept up to date instead of rebuilt.

Litestar's `Router.register` reads `route_handler_method_map` once per handler it registers, and
the property rebuilds the whole map from every route each time: registering the API's ~750
handlers on ~230 paths walked every route's handlers ~1,000 times, a quarter of `create_app()`
(every test client pays it). A router or application that mixes this in recomputes the entry of
a path only when the route object at a position of `routes` has changed since the last read
(registration appends a route or replaces one in place, never anything else), so each read costs
an identity check per route. The map it answers is a copy, equal to what Litestar would build.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from litestar.routes import HTTPRoute, WebSocketRoute


@dataclass
class _Cache:
    routes: list[Any]
    seen: int = 0
    by_path: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Paths a reader found in the map: registration replaces the route of such a path in place.
    found: set[str] = field(default_factory=set)


class _Answer(defaultdict[str, dict[str, Any]]):
    """The map as answered, noting which paths a reader found in it."""

    def __init__(self, cache: _Cache) -> None:
        super().__init__(dict, cache.by_path)
        self._cache = cache

    def get(self, key: str, default: Any = None) -> Any:
        if key in self:
            self._cache.found.add(key)
        return super().get(key, default)


def _entry(routes: list[Any], path: str) -> dict[str, Any]:
    """The map's entry for one path, exactly as Litestar's property builds it."""
    entry: dict[str, Any] = {}
    for route in routes:
        if route.path != path:
            continue
        if isinstance(route, HTTPRoute):
            for handler in route.route_handlers:
                for method in handler.http_methods:
                    entry[method] = handler
        else:
            key = "websocket" if isinstance(route, WebSocketRoute) else "asgi"
            entry[key] = route.route_handler
    return entry


class IncrementalRouteMap:
    """Mix in before `Router` / `Litestar`."""

    routes: list[Any]

    @property
    def route_handler_method_map(self) -> dict[str, Any]:
        cache: _Cache | None = self.__dict__.get("_route_map_cache")
        if cache is None or cache.routes is not self.routes or cache.seen > len(self.routes):
            cache = _Cache(self.routes)
            self.__dict__["_route_map_cache"] = cache
        changed = {route.path for route in self.routes[cache.seen :]} | cache.found
        for path in changed:
            entry = _entry(self.routes, path)
            if entry:
                cache.by_path[path] = entry
            else:
                cache.by_path.pop(path, None)
        cache.seen = len(self.routes)
        cache.found = set()
        return _Answer(cache)
