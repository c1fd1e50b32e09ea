"""Action plugins from outside storeroom, for its tests: `shout` works, `crash` has a bug,
`not-a-plugin` is not one, and `broken` names a module that does not exist."""

from __future__ import annotations

from typing import Any

from storeroom.errors import Invalid
from storeroom.plugins.interface import ActionContext


class Shout:
    NAME = "shout"

    async def perform(self, data: dict[str, Any], context: ActionContext) -> dict[str, Any]:
        text = data.get("text")
        if not isinstance(text, str) or not text:
            raise Invalid.field("text", "This field is required.")
        return {"text": text.upper(), "by": context.identity.username}


class Crash:
    NAME = "crash"

    async def perform(self, data: dict[str, Any], context: ActionContext) -> Any:
        raise RuntimeError("the crash plugin has a bug")


class NotAPlugin:
    """Neither a NAME nor a perform: storeroom refuses to load it."""
