"""The OpenAPI document at `/api/schema/` and its browsable docs at `/api-docs/`.

The document is built from the routes once per application (`openapi_document.py`), on the first
request, when every route is registered. The DEEP dialect has its own, in camelCase, at
`/api/v1/schema/` with docs at `/api/v1/docs/` (`openapi_deep.py`). Both docs pages load Swagger UI
from the package `swagger-ui-bundle`, served here: they work without internet access.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
from litestar import Request, Response, get
from litestar.response import File
from swagger_ui_bundle import swagger_ui_path

from storeroom.api.context import started_of
from storeroom.api.openapi_deep import deep_document
from storeroom.api.openapi_document import build_document

AnyRequest = Request[Any, Any, Any]
SCHEMA_PATH = "/api/schema/"
# Anonymous, like the pages that load them (auth/middleware.py, ANONYMOUS_PATHS).
SWAGGER_JS = "/api-docs/assets/swagger-ui-bundle.js"
SWAGGER_CSS = "/api-docs/assets/swagger-ui.css"

DEEP_SCHEMA_PATH = "/api/v1/schema/"
MEDIA_TYPE = "application/vnd.oai.openapi+json"


def encoded_document(request: AnyRequest, dialect: str = "drf") -> bytes:
    """The document, built and encoded once per application and dialect."""
    # Kept with what the application's start-up made (api/context.py), one per application.
    cache: dict[str, bytes] = started_of(request.scope).kept.setdefault("openapi_documents", {})
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


@get(SWAGGER_JS, name="openapi-docs-js", include_in_schema=False)
async def swagger_js() -> File:
    return swagger_asset("swagger-ui-bundle.js", "text/javascript; charset=utf-8")


@get(SWAGGER_CSS, name="openapi-docs-css", include_in_schema=False)
async def swagger_css() -> File:
    return swagger_asset("swagger-ui.css", "text/css; charset=utf-8")


def swagger_asset(name: str, media_type: str) -> File:
    return File(
        Path(str(swagger_ui_path)) / name, media_type=media_type, content_disposition_type="inline"
    )


def docs_page(schema_path: str) -> Response[bytes]:
    html = f"""<!DOCTYPE html>
<html><head><title>storeroom API</title><meta charset="utf-8"/>
<link rel="stylesheet" href="{SWAGGER_CSS}"></head>
<body><div id="swagger-ui"></div>
<script src="{SWAGGER_JS}"></script>
<script>SwaggerUIBundle({{url: "{schema_path}", dom_id: "#swagger-ui"}});</script>
</body></html>"""
    return Response(html.encode(), media_type="text/html")


routes = [
    openapi_schema,
    openapi_schema_deep,
    openapi_docs,
    openapi_docs_deep,
    swagger_js,
    swagger_css,
]
