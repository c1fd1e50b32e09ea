"""`/api/icons/` (the shipped icon packages) and `/api/icons/fonts/{filename}` (their fonts);
both answer anonymously, as in InvenTree."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.datastructures import ETag
from litestar.response import File

from storeroom.api.dialects import dialect_of
from storeroom.api.envelopes import page_body, paging_of
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.routes import render
from storeroom.icons.schemas import IconPackage
from storeroom.icons.service import catalogue, find_font

AnyRequest = Request[Any, Any, Any]
# A font's name carries its package version, so a cached copy is never stale.
IMMUTABLE = "public, max-age=31536000, immutable"


@get(
    "/icons/",
    name="icons-list",
    operation_id="icons_list",
    opt={"schema": OperationSchema(response=list[IconPackage], paginated=True)},
)
async def list_icons(request: AnyRequest) -> Response[bytes]:
    found = catalogue()
    dialect = dialect_of(request.scope)
    paging = paging_of(dialect, request.query_params)
    if paging.limit is None:
        # Only drf lists without paging, and its body never changes: it was encoded once.
        return Response(found.listing, media_type="application/json")
    page = found.packages[paging.offset : paging.offset + paging.limit]
    return render(request, page_body(dialect, request, "icons", page, len(found.packages), paging))


@get("/icons/fonts/{filename:str}", name="icons-font", include_in_schema=False)
async def download_font(request: AnyRequest) -> Response[Any]:
    font = find_font(request.path_params["filename"])
    headers = {"Cache-Control": IMMUTABLE}
    if f'"{font.digest}"' in if_none_match(request):
        return Response(b"", status_code=304, headers={**headers, "ETag": f'"{font.digest}"'})
    return File(
        font.path,
        media_type=font.media_type,
        filename=font.path.name,
        content_disposition_type="inline",
        etag=ETag(value=font.digest),
        headers=headers,
    )


def if_none_match(request: AnyRequest) -> set[str]:
    """The entity tags a conditional request already has (weak ones compare equal, RFC 9110)."""
    raw = request.headers.get("if-none-match", "")
    return {tag.strip().removeprefix("W/") for tag in raw.split(",") if tag.strip()}


routes = [list_icons, download_font]
