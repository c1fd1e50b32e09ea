"""Who may see and change import data. A session, its column mappings and its rows hold its target
model's data: reading them needs the view right on that model's ruleset, acting on them (editing,
accepting, cancelling, deleting) the add or change right, and only the session's owner or staff
may act on a session at all. InvenTree checks the model's change right on every write (its
importer/api.py); storeroom also keeps one user out of another's sessions (issue 12)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

import sqlalchemy as sa

from storeroom.auth.identity import Identity
from storeroom.auth.permissions import RuleReader, grants
from storeroom.errors import Forbidden
from storeroom.importer.schemas import ModelType
from storeroom.importer.tables import import_session_table
from storeroom.models.registry import BY_MODEL_TYPE

sessions = import_session_table
NOT_YOURS = "Only the user who started this import, or staff, may change it."


@dataclass(frozen=True, slots=True)
class ImportRights:
    identity: Identity
    # Target model types whose import data the identity may read, and may act on.
    viewable: frozenset[str]
    actable: frozenset[str]

    @property
    def acts_for_others(self) -> bool:
        return self.identity.is_staff or self.identity.is_superuser

    def is_owner(self, user_id: int | None) -> bool:
        identity = self.identity
        return not identity.is_system and user_id is not None and user_id == identity.user_id

    def require_view(self, model_type: str) -> None:
        if model_type not in self.viewable:
            raise Forbidden()

    def require_act(self, session: Any) -> None:
        """Forbidden unless the identity may act on this session (a row of the session table)."""
        self.require_view(session.model_type)
        if session.model_type not in self.actable:
            raise Forbidden()
        if not (self.acts_for_others or self.is_owner(session.user_id)):
            raise Forbidden(NOT_YOURS)

    def viewable_scope(self) -> str | None:
        """The bound value of the `viewable` filter (",part,company,"), or None when every
        model's import data is visible."""
        if self.viewable >= IMPORTABLE_TYPES:
            return None
        return "," + ",".join(sorted(self.viewable)) + ","

    def acting_condition(self) -> sa.ColumnElement[bool]:
        """The sessions the identity may act on, for bulk deletes."""
        if not self.actable:
            return sa.false()
        condition = sessions.c.model_type.in_(sorted(self.actable))
        if self.acts_for_others:
            return condition
        if self.identity.is_system:
            return sa.false()
        return sa.and_(condition, sessions.c.user_id == self.identity.user_id)


IMPORTABLE_TYPES = frozenset(name for name in get_args(ModelType) if name in BY_MODEL_TYPE)


async def rights_of(rules: RuleReader, identity: Identity) -> ImportRights:
    permitted = await rules.permitted(identity)

    def allowed(action: str) -> frozenset[str]:
        return frozenset(
            name
            for name in IMPORTABLE_TYPES
            if grants(identity, BY_MODEL_TYPE[name].access, action, permitted)
        )

    viewable = allowed("view")
    return ImportRights(identity, viewable, viewable & (allowed("add") | allowed("change")))


def in_scope(column: sa.ColumnElement[Any], value: Any) -> sa.ColumnElement[bool]:
    """`column` (a model type) is one of the types listed in `value` (",part,company,"), bound
    at run time so that one compiled statement serves every user."""
    wrapped = sa.literal(",", sa.String) + column + sa.literal(",", sa.String)
    return sa.cast(value, sa.String).contains(wrapped, autoescape=False)


def viewable_sessions(value: Any) -> sa.Select[Any]:
    return sa.select(sessions.c.id).where(in_scope(sessions.c.model_type, value))


def operator_rights(account: str) -> ImportRights:
    """The command line's rights (`storeroom import`): the operator may do anything."""
    operator = Identity(user_id=0, username="", account=account, is_superuser=True, is_system=True)
    return ImportRights(operator, IMPORTABLE_TYPES, IMPORTABLE_TYPES)
