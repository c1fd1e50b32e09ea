"""The HTTP endpoints of this capability."""

from __future__ import annotations

from litestar.handlers import HTTPRouteHandler

routes: list[HTTPRouteHandler] = []
