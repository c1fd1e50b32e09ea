"""Objects and pages as each dialect shapes them (docs/api-behaviour.md, "Dialects")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from litestar import Request

from storeroom.api.dialects import Dialect
from storeroom.api.fields import LARGEST_INT
from storeroom.api.resource import Resource
from storeroom.errors import Invalid

DJBLETS_DEFAULT, DJBLETS_MAX = 25, 200
RBAC_DEFAULT, RBAC_MAX = 10, 1000
DEEP_DEFAULT, DEEP_MAX = 25, 1000


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int | None
    offset: int


def _non_negative_int(params: Any, name: str, default: int | None) -> int | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise Invalid.field(name, "A valid integer is required.") from None
    if value < 0:
        raise Invalid.field(name, "Ensure this value is greater than or equal to 0.")
    if value > LARGEST_INT:
        raise Invalid.field(name, f"Ensure this value is less than or equal to {LARGEST_INT}.")
    return value


def djblets_start(params: Any) -> int:
    """Djblets reads a negative or non-integer `start` as 0 (WebAPIResponsePaginated)."""
    try:
        start = max(int(params.get("start") or 0), 0)
    except ValueError:
        return 0
    if start > LARGEST_INT:
        raise Invalid.field("start", f"Ensure this value is less than or equal to {LARGEST_INT}.")
    return start


def paging_of(dialect: Dialect, params: Any) -> Paging:
    if dialect is Dialect.DJBLETS:
        size = _non_negative_int(params, "max-results", DJBLETS_DEFAULT)
        if params.get("max-results") is not None and not size:
            raise Invalid.field("max-results", "max-results must be greater than 0.")
        return Paging(min(size or DJBLETS_DEFAULT, DJBLETS_MAX), djblets_start(params))
    offset = _non_negative_int(params, "offset", 0) or 0
    if dialect is Dialect.RBAC:
        limit = _non_negative_int(params, "limit", RBAC_DEFAULT)
        return Paging(min(limit or RBAC_DEFAULT, RBAC_MAX), offset)
    if dialect is Dialect.DEEP:
        limit = _non_negative_int(params, "limit", DEEP_DEFAULT)
        return Paging(min(limit or DEEP_DEFAULT, DEEP_MAX), offset)
    return Paging(_non_negative_int(params, "limit", None), offset)


def ordering_parameter(dialect: Dialect) -> str:
    return "order_by" if dialect is Dialect.RBAC else "ordering"


def request_path(request: Request[Any, Any, Any]) -> str:
    """The path as the client sent it: Litestar strips the trailing slash InvenTree keeps."""
    raw = request.scope.get("raw_path")
    return raw.decode("latin-1").split("?", 1)[0] if raw else request.url.path


def _url(request: Request[Any, Any, Any], changes: dict[str, Any], absolute: bool) -> str:
    params = dict(request.query_params)
    params.update({key: str(value) for key, value in changes.items()})
    for key in [key for key, value in changes.items() if value is None]:
        params.pop(key, None)
    if not absolute:
        # RBAC's links are relative with their parameters sorted.
        return f"{request_path(request)}?{urlencode(sorted(params.items()))}"
    return f"{origin(request)}{request_path(request)}?{urlencode(params)}"


def origin(request: Request[Any, Any, Any]) -> str:
    """scheme://host of the request, from the scope (cheaper than Litestar's base_url)."""
    scope = request.scope
    host = next((value for name, value in scope["headers"] if name == b"host"), None)
    if host is None:
        server = scope.get("server") or ("localhost", 80)
        return f"{scope['scheme']}://{server[0]}:{server[1]}"
    return f"{scope['scheme']}://{host.decode('latin-1')}"


def page_body(
    dialect: Dialect,
    request: Request[Any, Any, Any],
    plural: str,
    results: Sequence[dict[str, Any]],
    count: int,
    paging: Paging,
) -> dict[str, Any]:
    limit = paging.limit or 0
    offset = paging.offset
    has_next = offset + limit < count
    previous_offset = max(0, offset - limit) if offset > 0 else None
    if dialect is Dialect.DJBLETS:
        return {
            "stat": "ok",
            plural: list(results),
            "total_results": count,
            # Djblets leaves a link out where there is none (no `prev` on the first page).
            "links": {
                name: {"method": "GET", "href": _url(request, {"start": start}, True)}
                for name, start in (("prev", previous_offset), ("next", offset + limit))
                if start is not None and (name == "prev" or has_next)
            },
        }
    if dialect is Dialect.RBAC:
        last = max(0, ((count - 1) // limit) * limit) if limit else 0
        return {
            "meta": {"count": count, "limit": limit, "offset": offset},
            "links": {
                "first": _url(request, {"limit": limit, "offset": 0}, False),
                "next": _url(request, {"limit": limit, "offset": offset + limit}, False)
                if has_next
                else None,
                "previous": None
                if previous_offset is None
                else _url(request, {"limit": limit, "offset": previous_offset}, False),
                "last": _url(request, {"limit": limit, "offset": last}, False),
            },
            "data": list(results),
        }
    previous = None
    if previous_offset is not None:
        previous = _url(request, {"limit": limit, "offset": previous_offset or None}, True)
    return {
        "count": count,
        "next": _url(request, {"limit": limit, "offset": offset + limit}, True)
        if has_next
        else None,
        "previous": previous,
        "results": list(results),
    }


def object_body(dialect: Dialect, resource: Resource, value: dict[str, Any]) -> Any:
    if dialect is Dialect.DJBLETS:
        return {"stat": "ok", resource.name or resource.model_type: value}
    return value


def djblets_body(body: Any) -> Any:
    """A hand-written answer under Djblets: `stat: ok` beside its fields (pages and objects of
    resources are wrapped already)."""
    if isinstance(body, dict) and "stat" not in body:
        return {"stat": "ok", **body}
    return body


def plural_of(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def list_key(resource: Resource) -> str:
    """The key of a Djblets page: a declared plural, else the model's name in the plural, in
    words (`part_categories`, `companies`, `addresses`), as Django names it."""
    if resource.plural and resource.plural != resource.model_type + "s":
        return resource.plural
    words = (resource.verbose_name or resource.model_type).lower().split()
    return "_".join([*words[:-1], plural_of(words[-1])])


def to_json_ready(value: Any) -> Any:
    """Values for CSV/XLSX cells, where msgspec's encoder does not run."""
    if isinstance(value, datetime | date):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, Decimal):
        return str(value)
    return value
