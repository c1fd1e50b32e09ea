"""Who may do what to an attachment: the same right on its target's ruleset (view to read, change
to add, edit or delete), as the issue and docs/api-behaviour.md ("Everywhere") ask."""

from __future__ import annotations

from collections.abc import Iterable

from storeroom.attachments.resource import MODEL_TYPES
from storeroom.auth.identity import Identity
from storeroom.auth.permissions import RuleReader
from storeroom.errors import Forbidden
from storeroom.models.registry import BY_MODEL_TYPE


def ruleset_of(model_type: str) -> str | None:
    target = BY_MODEL_TYPE.get(model_type)
    return target.access.ruleset if target is not None else None


async def permitted_types(rules: RuleReader, identity: Identity, action: str) -> frozenset[str]:
    """The target model types on which the user has `action`."""
    if identity.is_superuser:
        return frozenset(MODEL_TYPES)
    allowed: dict[str | None, bool] = {}
    for model_type in MODEL_TYPES:
        ruleset = ruleset_of(model_type)
        if ruleset not in allowed:
            allowed[ruleset] = ruleset is not None and await rules.allowed(
                identity, ruleset, action
            )
    return frozenset(model_type for model_type in MODEL_TYPES if allowed[ruleset_of(model_type)])


async def require(
    rules: RuleReader, identity: Identity, action: str, model_types: Iterable[str]
) -> None:
    """Forbidden unless the user has `action` on every one of these targets' rulesets."""
    if identity.is_superuser:
        return
    for model_type in set(model_types):
        ruleset = ruleset_of(model_type)
        if ruleset is None or not await rules.allowed(identity, ruleset, action):
            raise Forbidden()


async def require_any(rules: RuleReader, identity: Identity, action: str) -> None:
    """Forbidden when the user may not `action` attachments of any model (checked before an
    upload is read, so that nobody can fill the storage only to be refused)."""
    if not await permitted_types(rules, identity, action):
        raise Forbidden()
