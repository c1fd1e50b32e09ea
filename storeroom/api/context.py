"""What a resource handler needs from the application: built once at start-up, kept in app state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from litestar import Request

from storeroom.api.counts import CountCache
from storeroom.api.query import StatementCache
from storeroom.api.resource import Resource
from storeroom.auth.identity import Identity
from storeroom.auth.mechanisms import Authenticator
from storeroom.auth.middleware import identity_of
from storeroom.auth.permissions import RuleReader
from storeroom.db.engines import Databases
from storeroom.db.fastread import FastReader
from storeroom.db.tenancy import Tenants
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import NotAuthenticated
from storeroom.settings import Settings


@dataclass
class ApiContext:
    settings: Settings
    databases: Databases
    reader: FastReader
    tenants: Tenants
    counts: CountCache
    authenticator: Authenticator
    rules: RuleReader
    _statements: dict[str, StatementCache] = field(default_factory=dict)

    def statements(self, resource: Resource) -> StatementCache:
        found = self._statements.get(resource.model_type)
        if found is None:
            found = StatementCache(resource, self.databases.platform.dialect)
            self._statements[resource.model_type] = found
        return found

    def tenant(self, identity: Identity) -> TenantDb:
        return TenantDb(identity.account, self.databases, self.reader)


def api_context(request: Request[Any, Any, Any]) -> ApiContext:
    context: ApiContext = request.app.state.api
    return context


def require_identity(request: Request[Any, Any, Any]) -> Identity:
    identity = identity_of(request.scope)
    if identity is None:
        raise NotAuthenticated()
    return identity


def tenant_of(request: Request[Any, Any, Any]) -> TenantDb:
    return api_context(request).tenant(require_identity(request))
