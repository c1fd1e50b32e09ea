"""An answer encoded in the request's dialect and format: JSON, DEEP's camelCase, Djblets'
envelope (or its XML when asked); a list a GET answers is paged where the dialect always pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import msgspec
from litestar import Request, Response

from storeroom.api.casing import camel_keys
from storeroom.api.dialects import Dialect, dialect_of
from storeroom.api.envelopes import djblets_body, page_body, paging_of
from storeroom.api.error_rendering import wants_xml
from storeroom.api.xml import to_xml

AnyRequest = Request[Any, Any, Any]


def render(request: AnyRequest, body: Any, status_code: int = 200) -> Response[bytes]:
    """Encode a body in the request's format: JSON, or XML for Djblets when asked. A list that a
    GET answers is paged in the dialects that always page (DEEP, RBAC, Djblets)."""
    dialect = dialect_of(request.scope)
    if isinstance(body, list) and dialect is not Dialect.DRF and request.method == "GET":
        body = list_page(request, dialect, body)
    if dialect is Dialect.DEEP:
        body = camel_keys(body)
    elif dialect is Dialect.DJBLETS:
        body = djblets_body(body)
        if wants_xml(request):
            return Response(to_xml(body), status_code=status_code, media_type="application/xml")
    return Response(
        msgspec.json.encode(body), status_code=status_code, media_type="application/json"
    )


def list_page(request: AnyRequest, dialect: Dialect, items: list[Any]) -> dict[str, Any]:
    """One page of a list held in memory; under Djblets keyed by the path's last word
    (`/api/importer/models/` -> `models`)."""
    paging = paging_of(dialect, request.query_params)
    page = items[paging.offset : paging.offset + (paging.limit or 0)]
    template = str(request.scope.get("path_template") or request.url.path)
    name = template.rstrip("/").rsplit("/", 1)[-1].replace("-", "_")
    return page_body(dialect, request, name, page, len(items), paging)


def paged_list(
    request: AnyRequest,
    items: Sequence[Any],
    key: str,
    unpaged: Callable[[], Response[bytes]] | None = None,
) -> Response[bytes]:
    """A list held in memory (icons, flags, content types, ...), paged as the resource lists
    are: a bare array under DRF without `limit` (or `unpaged()`, e.g. bytes encoded once), else
    one page of the dialect's shape, under Djblets keyed by `key`."""
    dialect = dialect_of(request.scope)
    paging = paging_of(dialect, request.query_params)
    if paging.limit is None:
        return unpaged() if unpaged is not None else render(request, list(items))
    page = list(items[paging.offset : paging.offset + paging.limit])
    return render(request, page_body(dialect, request, key, page, len(items), paging))
