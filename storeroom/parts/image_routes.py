"""Part images: `/api/part/thumbs/` (the images in use), `/api/part/thumbs/{id}/` (one part's
image, read and replaced) and the stored files themselves, `/api/part/image/<folder>/<name>`
(the URLs `image` and `thumbnail` answer)."""

from __future__ import annotations

from typing import Any

from litestar import Response, get, patch, put
from litestar.handlers import HTTPRouteHandler
from litestar.response import Stream

from storeroom.api import crud
from storeroom.api.context import Context
from storeroom.api.openapi_structs import OperationSchema
from storeroom.auth.permissions import requires
from storeroom.errors import Invalid
from storeroom.models.part import PART
from storeroom.parts import images, part_updates, thumbs
from storeroom.parts.detail_routes import store_of, user_of
from storeroom.parts.image_upload import read_part_write
from storeroom.parts.schemas import PartThumb, PartThumbImage, PartThumbSerializerUpdate

VIEW = requires("view", PART.access)
CHANGE = requires("change", PART.access)


@get(
    "/part/thumbs/",
    name="part-thumbs-list",
    operation_id="part_thumbs_list",
    opt={
        **VIEW,
        "schema": OperationSchema(
            response=list[PartThumb], paginated=True, query={"search": str | None}
        ),
    },
)
async def list_thumbnails(context: Context) -> Response[bytes]:
    """The images parts use, most used first."""
    search = str(context.query.get("search") or "")
    async with context.tenant.transaction() as connection:
        found = await thumbs.thumbnails(connection, search)
    return context.render_list(found, "part_thumbs")


@get(
    "/part/thumbs/{id:int}/",
    name="part-thumbs-retrieve",
    operation_id="part_thumbs_retrieve",
    opt={**VIEW, "schema": OperationSchema(response=PartThumbImage)},
)
async def read_thumbnail(context: Context) -> Response[bytes]:
    pk = crud.parse_pk(context.path_param("id"))
    async with context.tenant.transaction() as connection:
        found = await images.current_image(connection, pk)
    return context.render({"image": found})


def thumbnail_update(partial: bool) -> HTTPRouteHandler:
    async def update_thumbnail(context: Context) -> Response[bytes]:
        pk = crud.parse_pk(context.path_param("id"))
        written = await read_part_write(context)
        try:
            if written.image is None and not partial:
                raise Invalid.field("image", "No file was submitted.")
            # Only the image is written here.
            written.body = {}
            updated = await part_updates.update_part(
                context.api,
                store_of(context),
                context.tenant,
                pk,
                written,
                True,
                user_of(context),
            )
        finally:
            await written.discard()
        return context.render({"image": updated["image"]})

    method, verb = (patch, "partial_update") if partial else (put, "update")
    return method(
        "/part/thumbs/{id:int}/",
        name=f"part-thumbs-{verb}",
        operation_id=f"part_thumbs_{verb}",
        request_max_body_size=None,
        opt={
            **CHANGE,
            "schema": OperationSchema(
                response=PartThumbImage,
                request=PartThumbSerializerUpdate,
                partial=partial,
            ),
        },
    )(update_thumbnail)


@get(
    "/part/image/{folder:str}/{name:str}",
    name="part-image-download",
    opt=VIEW,
    include_in_schema=False,
)
async def download_image(context: Context) -> Stream:
    """A stored part image or thumbnail, to callers who may view parts."""
    folder, name = context.path_param("folder"), context.path_param("name")
    chunks = await images.open_image(store_of(context), context.tenant.account, folder, name)
    return Stream(
        chunks,
        media_type=images.media_type(name),
        # The file is the user's: never let a browser run it as a page of this site.
        headers={"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"},
    )


IMAGE_ROUTES: list[Any] = [
    list_thumbnails,
    read_thumbnail,
    thumbnail_update(partial=False),
    thumbnail_update(partial=True),
    download_image,
]
