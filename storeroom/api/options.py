"""OPTIONS on every path: DRF's metadata (InvenTree's `InvenTreeMetadata`), generated from the
declarations of the path's handlers, with an `Allow` header naming exactly the path's methods.

The answer holds `name`, `description`, `renders`, `parses` and, where the path serves a model or
a declared action, `actions`: `POST` and `PUT` with each field's metadata (api/field_metadata.py),
kept only where the caller may take that step, and, as InvenTree adds them, `GET: {}` and
`DELETE: {}` where the caller may view or delete the model. A create's computed defaults (an
order's next reference, the default currency) are read in the tenant, as InvenTree's
`api_defaults` gives them.

Litestar makes its own OPTIONS handler when a path's first handler is registered, and keeps that
handler's method list when more handlers join the path, so it would answer `Allow: GET, OPTIONS`
where PUT, PATCH and DELETE are served too. These handlers are registered first, with the whole
list, so Litestar makes none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from litestar import Response, route
from litestar.handlers import HTTPRouteHandler
from litestar.types import ControllerRouterHandler

from storeroom.api.context import Context, RequestContext
from storeroom.api.field_metadata import (
    FieldInfo,
    StatusLabels,
    field_info,
    label_of,
    resource_fields,
    struct_fields,
)
from storeroom.api.fields import Field
from storeroom.api.resource import Resource
from storeroom.auth.permissions import Permission

RENDERS = ["application/json"]
PARSES = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]
LIST_OPERATIONS = frozenset({"list", "create", "bulk_delete"})
METADATA_FIELD = Field("metadata", "json", label="Metadata", help_text="JSON metadata field")


@dataclass
class PathMetadata:
    """What a path's handlers declare, gathered once when the routes are made."""

    path: str
    methods: set[str] = field(default_factory=set)
    permissions: dict[str, Permission] = field(default_factory=dict)
    resource: Resource | None = None
    operations: set[str] = field(default_factory=set)
    descriptions: list[str] = field(default_factory=list)
    post: dict[str, FieldInfo] | None = None
    put: dict[str, FieldInfo] | None = None

    def add(self, handler: HTTPRouteHandler) -> None:
        self.methods |= set(handler.http_methods)
        opt = handler.opt
        for method in handler.http_methods:
            if isinstance(opt.get("permission"), Permission):
                self.permissions[method] = opt["permission"]
        if isinstance(opt.get("resource"), Resource):
            self.resource = opt["resource"]
            self.operations.add(str(opt.get("operation")))
        if handler.description:
            self.descriptions.append(handler.description)
        declared = opt.get("action")
        if declared is not None and "POST" in handler.http_methods:
            self.post = struct_fields(getattr(declared, "body", None)) or {}

    @property
    def name(self) -> str:
        if self.resource is not None:
            noun = self.resource.verbose_name or label_of(self.resource.model_type)
            if "metadata" in self.operations:
                return f"{noun} Metadata"
            return f"{noun} {'List' if self.operations & LIST_OPERATIONS else 'Detail'}"
        words = [word for word in self.path.strip("/").split("/") if not word.startswith("{")]
        return " ".join(label_of(word.replace("-", "_")) for word in words) or "Api Root"


def describe(
    found: PathMetadata, api_urls: Mapping[str, str], status_labels: StatusLabels
) -> dict[str, Any]:
    """The fixed part of the path's metadata; the field lists are kept on `found`."""
    resource = found.resource
    if resource is not None and "metadata" in found.operations:
        found.put = {"metadata": field_info(METADATA_FIELD, True, api_urls, status_labels)}
    elif resource is not None:
        fields = resource_fields(resource, api_urls, status_labels)
        if "create" in found.operations:
            found.post = fields
        if "update" in found.operations:
            found.put = fields
    body: dict[str, Any] = {
        "name": found.name,
        "description": " ".join(found.descriptions),
        "renders": RENDERS,
        "parses": PARSES,
    }
    if resource is not None:
        body["model"] = resource.model_type
    return body


async def create_defaults(context: RequestContext, resource: Resource) -> dict[str, Any]:
    """The create's computed defaults as a new object would get them now."""
    if not resource.create_defaults:
        return {}
    values: dict[str, Any] = {}
    async with context.tenant.transaction() as connection:
        for name, default in resource.create_defaults.items():
            values[name] = await default(connection, {}, context.settings)
    return values


def metadata_handler(
    found: PathMetadata, api_urls: Mapping[str, str], status_labels: StatusLabels
) -> HTTPRouteHandler:
    allow = ", ".join(sorted({*found.methods, "OPTIONS"}))
    fixed = describe(found, api_urls, status_labels)
    served = found.post is not None or found.put is not None or found.resource is not None

    async def describe_path(context: Context) -> Response[bytes]:
        body = dict(fixed)
        if served and context.identity is not None:
            body["actions"] = await allowed_actions(context, found, api_urls, status_labels)
        return context.render(body)

    return route(
        found.path,
        http_method="OPTIONS",
        include_in_schema=False,
        name=f"options:{found.path}",
        response_headers={"Allow": allow},
        opt={"trailing_slash": found.path.endswith("/")},
    )(describe_path)


async def allowed_actions(
    context: RequestContext,
    found: PathMetadata,
    api_urls: Mapping[str, str],
    status_labels: StatusLabels,
) -> dict[str, Any]:
    """The steps the caller may take (their rules read once, by the request's caller)."""

    async def may(method: str, fallback: str) -> bool:
        if method not in found.methods:
            return False
        permission = found.permissions.get(method)
        if permission is not None:
            return await context.may(permission.action, permission.access)
        return found.resource is None or await context.may(fallback, found.resource.access)

    actions: dict[str, Any] = {}
    if found.post is not None and await may("POST", "add"):
        post = found.post
        if found.resource is not None and "create" in found.operations:
            defaults = await create_defaults(context, found.resource)
            post = resource_fields(found.resource, api_urls, status_labels, defaults)
        actions["POST"] = post
    if found.put is not None and await may("PUT", "change"):
        actions["PUT"] = found.put
    if found.resource is not None:
        if await may("DELETE", "delete"):
            actions["DELETE"] = {}
        if await may("GET", "view"):
            actions["GET"] = {}
    return actions


def options_routes(
    handlers: Iterable[ControllerRouterHandler], status_labels: StatusLabels | None = None
) -> list[HTTPRouteHandler]:
    """One OPTIONS handler per path the given handlers serve."""
    paths: dict[str, PathMetadata] = {}
    for handler in handlers:
        if isinstance(handler, HTTPRouteHandler):
            for path in handler.paths:
                paths.setdefault(path, PathMetadata(path)).add(handler)
    api_urls = api_urls_of(paths.values())
    return [
        metadata_handler(found, api_urls, status_labels or {})
        for found in paths.values()
        if "OPTIONS" not in found.methods
    ]


def api_urls_of(found: Iterable[PathMetadata]) -> dict[str, str]:
    """Each model type's list URL, for relations' `api_url`."""
    urls: dict[str, str] = {}
    for entry in found:
        if entry.resource is not None:
            urls.setdefault(entry.resource.model_type, entry.resource.path)
    return urls
