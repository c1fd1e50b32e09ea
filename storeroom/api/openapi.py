"""The OpenAPI document at `/api/schema/` and its browsable docs at `/api-docs/`.

Litestar generates the document from the routes; resource routes parse their own bodies (to
collect every error at once), so their request and response schemas are added here from the
`Resource` declarations.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.openapi.plugins import SwaggerRenderPlugin

from storeroom.api.openapi_resources import complete_document

AnyRequest = Request[Any, Any, Any]
_swagger = SwaggerRenderPlugin()


def schema_document(request: AnyRequest) -> dict[str, Any]:
    cached = getattr(request.app.state, "openapi_document", None)
    if cached is None:
        document = request.app.openapi_schema.to_schema()
        cached = complete_document(request.app, document)
        request.app.state.openapi_document = cached
    return dict(cached)


@get("/api/schema/", name="openapi-schema", include_in_schema=False)
async def openapi_schema(request: AnyRequest) -> Response[Any]:
    return Response(schema_document(request), media_type="application/vnd.oai.openapi+json")


@get("/api-docs/", name="openapi-docs", include_in_schema=False)
async def openapi_docs(request: AnyRequest) -> Response[bytes]:
    html = f"""<!DOCTYPE html>
<html><head><title>storeroom API</title><meta charset="utf-8"/>
<link rel="stylesheet" href="{_swagger.css_url}"></head>
<body><div id="swagger-ui"></div>
<script src="{_swagger.js_url}"></script>
<script>SwaggerUIBundle({{url: "/api/schema/", dom_id: "#swagger-ui"}});</script>
</body></html>"""
    return Response(html.encode(), media_type="text/html")


routes = [openapi_schema, openapi_docs]
