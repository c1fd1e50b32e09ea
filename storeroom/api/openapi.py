"""The OpenAPI document at `/api/schema/` and its browsable docs at `/api-docs/`.

The document is built from the routes once per application (`openapi_document.py`), on the first
request, when every route is registered.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, Response, get
from litestar.openapi.plugins import SwaggerRenderPlugin

from storeroom.api.openapi_document import build_document

AnyRequest = Request[Any, Any, Any]
SCHEMA_PATH = "/api/schema/"
_swagger = SwaggerRenderPlugin()


def encoded_document(request: AnyRequest) -> bytes:
    state = request.app.state
    encoded = getattr(state, "openapi_document", None)
    if not isinstance(encoded, bytes):
        encoded = msgspec.json.encode(build_document(request.app))
        state.openapi_document = encoded
    return encoded


@get(SCHEMA_PATH, name="openapi-schema", include_in_schema=False)
async def openapi_schema(request: AnyRequest) -> Response[bytes]:
    return Response(encoded_document(request), media_type="application/vnd.oai.openapi+json")


@get("/api-docs/", name="openapi-docs", include_in_schema=False)
async def openapi_docs() -> Response[bytes]:
    html = f"""<!DOCTYPE html>
<html><head><title>storeroom API</title><meta charset="utf-8"/>
<link rel="stylesheet" href="{_swagger.css_url}"></head>
<body><div id="swagger-ui"></div>
<script src="{_swagger.js_url}"></script>
<script>SwaggerUIBundle({{url: "{SCHEMA_PATH}", dom_id: "#swagger-ui"}});</script>
</body></html>"""
    return Response(html.encode(), media_type="text/html")


routes = [openapi_schema, openapi_docs]
