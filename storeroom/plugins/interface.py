"""What an action plugin is: a class with a `NAME` and an async `perform(data, context)`.

A plugin is a Python distribution that names its class under the `storeroom.plugins` entry-point
group; storeroom instantiates it with no arguments, once per application, and only when the
deployment lists the entry point in `plugins_enabled`. `perform` returns any JSON-able value, or
raises `storeroom.errors.Invalid` for bad `data` (answered 400); anything else it raises is a bug
(answered 500 and recorded as an error report).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from storeroom.auth.identity import Identity
from storeroom.db.tenant_db import TenantDb
from storeroom.settings import Settings

ENTRY_POINT_GROUP = "storeroom.plugins"


@dataclass(frozen=True, slots=True)
class ActionContext:
    """Who runs the action, and their tenant's data (reads and writes stay in that tenant)."""

    identity: Identity
    tenant: TenantDb
    settings: Settings


@runtime_checkable
class ActionPlugin(Protocol):
    NAME: str

    async def perform(self, data: dict[str, Any], context: ActionContext) -> Any: ...
