"""Routes of storeroom.parts (filled in by its issue)."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

routes: list[ControllerRouterHandler] = []
