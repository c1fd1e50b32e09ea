"""`/api/icons/` (the shipped icon packages) and `/api/icons/fonts/{filename}` (their fonts);
both answer anonymously, as in InvenTree."""

from __future__ import annotations

from typing import Any

from litestar import Response, get
from litestar.datastructures import ETag
from litestar.response import File

from storeroom.api.context import Context
from storeroom.api.openapi_structs import OperationSchema
from storeroom.icons.schemas import IconPackage
from storeroom.icons.service import catalogue, find_font

# A font's name carries its package version, so a cached copy is never stale.
IMMUTABLE = "public, max-age=31536000, immutable"


@get(
    "/icons/",
    name="icons-list",
    operation_id="icons_list",
    opt={"schema": OperationSchema(response=list[IconPackage], paginated=True)},
)
async def list_icons(context: Context) -> Response[bytes]:
    found = catalogue()

    def unpaged() -> Response[bytes]:
        # Only drf lists without paging, and its body never changes: it was encoded once.
        return Response(found.listing, media_type="application/json")

    return context.render_list(found.packages, "icons", unpaged)


@get("/icons/fonts/{filename:str}", name="icons-font", include_in_schema=False)
async def download_font(context: Context) -> Response[Any]:
    font = find_font(context.path_param("filename"))
    headers = {"Cache-Control": IMMUTABLE}
    if f'"{font.digest}"' in entity_tags(context.request.headers.get("if-none-match", "")):
        return Response(b"", status_code=304, headers={**headers, "ETag": f'"{font.digest}"'})
    return File(
        font.path,
        media_type=font.media_type,
        filename=font.path.name,
        content_disposition_type="inline",
        etag=ETag(value=font.digest),
        headers=headers,
    )


def entity_tags(raw: str) -> set[str]:
    """The entity tags a conditional request already has (weak ones compare equal, RFC 9110)."""
    return {tag.strip().removeprefix("W/") for tag in raw.split(",") if tag.strip()}


routes = [list_icons, download_font]
