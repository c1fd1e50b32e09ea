"""The OpenAPI document at `/api/schema/` and its browsable docs at `/api-docs/`.

The document is built from the routes once per application (`openapi_document.py`), on the first
request, when every route is registered. The DEEP dialect has its own, in camelCase, at
`/api/v1/schema/` with docs at `/api/v1/docs/` (`openapi_deep.py`).
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, Response, get
from litestar.openapi.plugins import SwaggerRenderPlugin

from storeroom.api.openapi_deep import deep_document
from storeroom.api.openapi_document import build_document

AnyRequest = Request[Any, Any, Any]
SCHEMA_PATH = "/api/schema/"
_swagger = SwaggerRenderPlugin()


DEEP_SCHEMA_PATH = "/api/v1/schema/"
MEDIA_TYPE = "application/vnd.oai.openapi+json"


def encoded_document(request: AnyRequest, dialect: str = "drf") -> bytes:
    """The document, built and encoded once per application and dialect."""
    state = request.app.state
    cache: dict[str, bytes] = state.setdefault("openapi_documents", {})
    if dialect not in cache:
        document = build_document(request.app)
        cache[dialect] = msgspec.json.encode(
            deep_document(document) if dialect == "deep" else document
        )
    return cache[dialect]


@get(SCHEMA_PATH, name="openapi-schema", include_in_schema=False)
async def openapi_schema(request: AnyRequest) -> Response[bytes]:
    return Response(encoded_document(request), media_type=MEDIA_TYPE)


@get(DEEP_SCHEMA_PATH, name="openapi-schema-deep", include_in_schema=False)
async def openapi_schema_deep(request: AnyRequest) -> Response[bytes]:
    return Response(encoded_document(request, "deep"), media_type=MEDIA_TYPE)


@get("/api-docs/", name="openapi-docs", include_in_schema=False)
async def openapi_docs() -> Response[bytes]:
    return docs_page(SCHEMA_PATH)


@get("/api/v1/docs/", name="openapi-docs-deep", include_in_schema=False)
async def openapi_docs_deep() -> Response[bytes]:
    return docs_page(DEEP_SCHEMA_PATH)


def docs_page(schema_path: str) -> Response[bytes]:
    html = f"""<!DOCTYPE html>
<html><head><title>storeroom API</title><meta charset="utf-8"/>
<link rel="stylesheet" href="{_swagger.css_url}"></head>
<body><div id="swagger-ui"></div>
<script src="{_swagger.js_url}"></script>
<script>SwaggerUIBundle({{url: "{schema_path}", dom_id: "#swagger-ui"}});</script>
</body></html>"""
    return Response(html.encode(), media_type="text/html")


routes = [openapi_schema, openapi_schema_deep, openapi_docs, openapi_docs_deep]
