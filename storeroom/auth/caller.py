"""`Caller`: who is asking and what their roles permit, read at most once per request.

The authentication middleware makes one per request and keeps it in the scope; the route's
declared permission, OPTIONS and any object-level rule (an attachment's target) all ask it, so
a user's rules are queried once however many checks a request makes.
"""

from __future__ import annotations

from dataclasses import dataclass

from storeroom.auth.identity import Identity
from storeroom.auth.permissions import (
    NOTHING_PERMITTED,
    Access,
    Permission,
    Permitted,
    RuleReader,
    grants,
)
from storeroom.errors import Forbidden, NotAuthenticated

SCOPE_KEY = "storeroom.caller"


@dataclass(slots=True)
class Caller:
    identity: Identity | None
    rules: RuleReader
    _permitted: Permitted | None = None

    async def permitted(self) -> Permitted:
        """For each action, the rulesets the caller may take it on (one query, on first use)."""
        if self.identity is None:
            return NOTHING_PERMITTED
        if self._permitted is None:
            self._permitted = await self.rules.permitted(self.identity)
        return self._permitted

    async def may(self, action: str, access: Access) -> bool:
        if self.identity is None:
            return False
        if self.identity.is_superuser or access.ruleset is None:
            return grants(self.identity, access, action, NOTHING_PERMITTED)
        return grants(self.identity, access, action, await self.permitted())

    async def allowed(self, ruleset: str, action: str) -> bool:
        return await self.may(action, Access(ruleset=ruleset))

    async def enforce(self, permission: Permission) -> None:
        """Raise NotAuthenticated or Forbidden unless the caller has the permission."""
        if self.identity is None:
            raise NotAuthenticated()
        if not await self.may(permission.action, permission.access):
            raise Forbidden()
