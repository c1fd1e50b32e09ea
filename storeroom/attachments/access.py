"""Who may do what to an attachment: the same right on its target's ruleset (view to read, change
to add, edit or delete), as the issue and docs/api-behaviour.md ("Everywhere") ask. Asked of the
request's `Caller`, whose rules are read once however many targets are checked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import FieldError
from storeroom.api.resource import Filter, RowScope
from storeroom.attachments.resource import MODEL_TYPES, TABLE
from storeroom.auth.caller import Caller
from storeroom.errors import Forbidden, NotAuthenticated
from storeroom.models.registry import BY_MODEL_TYPE


def ruleset_of(model_type: str) -> str | None:
    target = BY_MODEL_TYPE.get(model_type)
    return target.access.ruleset if target is not None else None


async def permitted_types(caller: Caller, action: str) -> frozenset[str]:
    """The target model types on which the caller has `action`."""
    allowed = [
        model_type
        for model_type in MODEL_TYPES
        if (ruleset := ruleset_of(model_type)) is not None and await caller.allowed(ruleset, action)
    ]
    return frozenset(allowed)


async def require(caller: Caller, action: str, model_types: Iterable[str]) -> None:
    """Forbidden unless the caller has `action` on every one of these targets' rulesets."""
    if caller.identity is None:
        raise NotAuthenticated()
    if caller.identity.is_superuser:
        return
    for model_type in set(model_types):
        ruleset = ruleset_of(model_type)
        if ruleset is None or not await caller.allowed(ruleset, action):
            raise Forbidden()


async def require_any(caller: Caller, action: str) -> None:
    """Forbidden when the caller may not `action` attachments of any model (checked before an
    upload is read, so that nobody can fill the storage only to be refused)."""
    if not await permitted_types(caller, action):
        raise Forbidden()


def _viewable(value: Any) -> sa.ColumnElement[bool]:
    # `value` is ",part,build," (the model types the caller may view), bound at run time so that
    # one compiled statement serves every user.
    wrapped = sa.literal(",", sa.String) + TABLE.c.model_type + sa.literal(",", sa.String)
    return sa.cast(value, sa.String).contains(wrapped, autoescape=False)


def _refuse(raw: Any) -> Any:
    raise FieldError("Unknown filter.")


async def viewable_types(caller: Caller) -> str | None:
    """None when the caller may view every kind of target, else ",part,build,"."""
    viewable = await permitted_types(caller, "view")
    if len(viewable) == len(MODEL_TYPES):
        return None
    return "," + ",".join(sorted(viewable)) + ","


async def check_row(caller: Caller, row: Mapping[str, Any], action: str) -> None:
    await require(caller, action, [row["model_type"]])


# The list, detail and metadata of attachments are the resource layer's (api/routes.py), each
# row narrowed to the targets the caller may reach.
ROWS = RowScope(Filter("viewable", _refuse, _viewable), viewable_types, check_row)
