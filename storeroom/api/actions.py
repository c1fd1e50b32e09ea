"""Declared actions (STYLE.md 14c): one `action(...)` gives a workflow step its route, its request
and answer structs (and so their OpenAPI schemas), its permission, the states it is allowed from,
the request's one transaction and its answer in the request's dialect.

    ISSUE_PO = action(PURCHASE_ORDER, "issue", permission=("purchase_order", "change"),
                      allowed_from=(PENDING, ON_HOLD), refused="...", run=service.issue)

On a `Resource` the action serves `<resource path>{id}/<name>/`: the object is read in the
request's transaction, locked for update (PostgreSQL; SQLite's writer holds the whole database),
and a state outside `allowed_from` is refused with a 400 before `run` is called. With `on_list`, or
on a plain path, it serves `<path><name>/`. `run` receives an `ActionCall` and returns the answer:
a msgspec struct, a dict, or None for InvenTree's empty `{}`. The transaction, opened by the first
`call.transaction()` (or by the object's lock), commits once when `run` returns, before the answer
is sent, and rolls back when anything raises.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Mapping
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import msgspec
import sqlalchemy as sa
from litestar import Request, Response, post
from litestar.background_tasks import BackgroundTask, BackgroundTasks
from litestar.datastructures import State
from litestar.handlers import HTTPRouteHandler
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.api.action_bodies import read_struct
from storeroom.api.bodies import read_body
from storeroom.api.context import ApiContext, Context
from storeroom.api.dialects import Dialect, dialect_of
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.resource import Resource
from storeroom.api.routes import render
from storeroom.auth.identity import Identity
from storeroom.auth.permissions import Access, Permission
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Invalid, NotAuthenticated, NotFound
from storeroom.settings import Settings

BodyT = TypeVar("BodyT")
KeptT = TypeVar("KeptT")
ServiceT = TypeVar("ServiceT")
AnyRequest = Request[Any, Any, Any]


class Done(msgspec.Struct):
    """The answer of an action that has nothing to tell: InvenTree's `{}`."""


class ActionCall(Generic[BodyT]):
    """What `run` gets: the parsed body, who asks, their tenant, the request's transaction and,
    for an object-level action, the locked object's row (`target`); the request's dialect and the
    services start-up provided (`service`)."""

    def __init__(
        self,
        body: BodyT,
        context: ApiContext,
        identity: Identity | None,
        state: State,
        services: Mapping[type[Any], Any] | None = None,
        dialect: Dialect = Dialect.DRF,
    ) -> None:
        self.body = body
        self.context = context
        self.identity = identity
        self.dialect = dialect
        self._services = services or {}
        self.target: Mapping[str, Any] = {}
        self.tasks: list[BackgroundTask] = []
        self._state = state
        self._stack = AsyncExitStack()
        self._connection: AsyncConnection | None = None

    @property
    def settings(self) -> Settings:
        return self.context.settings

    @property
    def tenant(self) -> TenantDb:
        """The caller's tenant (a route open to anonymous callers has none)."""
        if self.identity is None:
            raise NotAuthenticated()
        return self.context.tenant(self.identity)

    async def transaction(self) -> AsyncConnection:
        """The request's one transaction, opened on first use."""
        if self._connection is None:
            self._connection = await self._stack.enter_async_context(self.tenant.transaction())
        return self._connection

    @property
    def connection(self) -> AsyncConnection:
        """The transaction an object-level action's target was locked in."""
        if self._connection is None:
            raise RuntimeError("No transaction is open: use `await call.transaction()`.")
        return self._connection

    def service(self, kind: type[ServiceT]) -> ServiceT:
        """A service start-up provided (the file store, the job queue)."""
        found: ServiceT = self._services[kind]
        return found

    def later(self, work: Callable[..., Awaitable[Any]], *arguments: Any) -> None:
        """Run `work(*arguments)` after the answer is sent."""
        self.tasks.append(BackgroundTask(work, *arguments))

    def kept(self, key: str, make: Callable[[], KeptT]) -> KeptT:
        """A value made once per application, on first use (e.g. the loaded plugins)."""
        found: KeptT | None = self._state.get(key)
        if found is None:
            found = make()
            self._state[key] = found
        return found


Run = Callable[[ActionCall[BodyT]], Awaitable[Any]]


@dataclass
class Action(Generic[BodyT]):
    owner: Resource | str
    name: str
    run: Run[BodyT]
    body: type[BodyT] | None = None
    response: Any = None
    permission: Permission | None = None
    allowed_from: frozenset[int] | None = None
    refused: str = ""
    on_list: bool = False
    status_code: int = 201
    description: str = ""
    route: HTTPRouteHandler = field(init=False)

    def __post_init__(self) -> None:
        self.route = route_of(self)

    @property
    def resource(self) -> Resource | None:
        return self.owner if isinstance(self.owner, Resource) else None

    @property
    def on_object(self) -> bool:
        return self.resource is not None and not self.on_list

    @property
    def base_path(self) -> str:
        return self.owner.path if isinstance(self.owner, Resource) else self.owner

    @property
    def path(self) -> str:
        """The path under each API mount: `/order/po/{id:int}/issue/`."""
        base = self.base_path.removeprefix("/api")
        return f"{base}{'{id:int}/' if self.on_object else ''}{self.name}/"


def action(
    owner: Resource | str,
    name: str,
    *,
    run: Run[BodyT],
    body: type[BodyT] | None = None,
    response: Any = None,
    permission: tuple[str | Access, str] | None = None,
    allowed_from: Collection[int] | None = None,
    refused: str = "",
    on_list: bool = False,
    status_code: int = 201,
    description: str = "",
) -> Action[BodyT]:
    """Declare an action. `permission` is (ruleset or Access, verb); None lets any caller the
    authentication middleware lets through. `refused` is the 400's message for a state outside
    `allowed_from`. InvenTree's actions answer 201 (DRF's create); some contract ones 200."""
    if allowed_from is not None and (not isinstance(owner, Resource) or on_list):
        raise ValueError(f"Action {name}: allowed_from needs an object-level action.")
    required: Permission | None = None
    if permission is not None:
        ruleset, verb = permission
        access = ruleset if isinstance(ruleset, Access) else Access(ruleset=ruleset)
        required = Permission(verb, access)
    return Action(
        owner,
        name,
        run,
        body,
        response,
        required,
        None if allowed_from is None else frozenset(allowed_from),
        refused,
        on_list,
        status_code,
        description,
    )


def route_of(declared: Action[Any]) -> HTTPRouteHandler:
    """The one handler of a declaration (each API mount serves the same handler)."""

    async def perform_action(context: Context) -> Response[bytes]:
        request = context.request
        body = await read_declared_body(declared, request)
        call = ActionCall(
            body,
            context.api,
            context.identity,
            context.started.kept,
            context.started.services,
            context.dialect,
        )
        async with call._stack:
            if declared.resource is not None and not declared.on_list:
                pk = int(request.path_params["id"])
                await lock_target(declared.resource, declared, call, pk)
            result = await declared.run(call)
        if declared.resource is not None:
            call.context.counts.invalidate(call.tenant.account, declared.resource.table.name)
        response = render(request, answer_of(request, result), declared.status_code)
        if call.tasks:
            response.background = BackgroundTasks(call.tasks)
        return response

    base = declared.base_path.strip("/").removeprefix("api").strip("/")
    words = [*base.split("/"), declared.name] if base else [declared.name]
    opt: dict[str, Any] = {
        "schema": OperationSchema(request=declared.body, response=declared.response or Done),
        "action": declared,
    }
    if declared.permission is not None:
        opt["permission"] = declared.permission
    return post(
        declared.path,
        name="-".join(words),
        operation_id="_".join(words).replace("-", "_") + "_create",
        status_code=declared.status_code,
        description=declared.description or (declared.run.__doc__ or "").strip() or None,
        opt=opt,
    )(perform_action)


async def read_declared_body(declared: Action[Any], request: AnyRequest) -> Any:
    if declared.body is None:
        return None
    values = await read_body(request)
    if isinstance(declared.body, type) and issubclass(declared.body, msgspec.Struct):
        return read_struct(declared.body, values)
    return values


async def lock_target(
    resource: Resource, declared: Action[Any], call: ActionCall[Any], pk: int
) -> None:
    """Read and lock the action's object; refuse a state the action is not allowed from."""
    connection = await call.transaction()
    found = await connection.execute(
        sa.select(resource.table).where(resource.pk == pk).with_for_update()
    )
    row = found.first()
    if row is None:
        raise NotFound()
    call.target = dict(row._mapping)
    if declared.allowed_from is not None and call.target["status"] not in declared.allowed_from:
        raise Invalid(general=[declared.refused or "This action is not allowed in this state."])


def answer_of(request: AnyRequest, result: Any) -> Any:
    """The answer's body: a struct as its fields, None as `{}`, in Djblets' envelope there."""
    body = {} if result is None else result
    if isinstance(body, msgspec.Struct):
        body = msgspec.to_builtins(body)
    if dialect_of(request.scope) is Dialect.DJBLETS and isinstance(body, dict):
        return {"stat": "ok", **body}
    return body
