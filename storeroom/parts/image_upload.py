"""A part's write body with its image: JSON, or multipart with the `image` file spooled to a
temporary file (checked by Pillow before anything is stored), as `Part.uploadImage()` sends it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storeroom.api.casing import snake_keys
from storeroom.api.context import RequestContext
from storeroom.api.dialects import Dialect
from storeroom.api.uploads import FileSink, ReceivedForm, TempFileSink, is_multipart, receive_form
from storeroom.errors import Invalid

NOT_A_FILE = "The submitted data was not a file. Check the encoding type on the form."
# Storeroom has no way out to the internet, as InvenTree with INVENTREE_DOWNLOAD_FROM_URL off.
NO_DOWNLOADS = "Downloading images from remote URL is not enabled"


@dataclass
class PartWrite:
    body: dict[str, Any]
    # The uploaded image's temporary file; None without one.
    image: Path | None = None
    # `image: null` in a JSON body: remove the part's image.
    clears_image: bool = False
    form: ReceivedForm | None = field(default=None, repr=False)

    async def discard(self) -> None:
        """Remove the temporary file (the image is stored by then, or refused)."""
        if self.form is not None:
            await self.form.abort()


async def read_part_write(context: RequestContext) -> PartWrite:
    if not is_multipart(context.request):
        body = await context.body()
        written = PartWrite(body)
        if "image" in body:
            image = body.pop("image")
            if image is None:
                written.clears_image = True
            elif image != "":
                raise Invalid.field("image", NOT_A_FILE)
        refuse_remote(body)
        return written
    spooled: dict[str, TempFileSink] = {}

    async def sink_for(field_name: str, filename: str, content_type: str) -> FileSink:
        if field_name != "image":
            raise Invalid.field(field_name, "Only the `image` field takes a file.")
        spooled[field_name] = await TempFileSink.create()
        return spooled[field_name]

    form = await receive_form(
        context.request, sink_for, max_file_size=context.settings.attachment_max_size
    )
    fields: dict[str, Any] = {
        name: found[0] if len(found) == 1 else found for name, found in form.fields.items()
    }
    if context.dialect is Dialect.DEEP:
        fields = snake_keys(fields)
    written = PartWrite(fields, form=form)
    try:
        if fields.pop("image", "") not in ("", None) and "image" not in spooled:
            raise Invalid.field("image", NOT_A_FILE)
        refuse_remote(fields)
    except BaseException:
        await written.discard()
        raise
    sink = spooled.get("image")
    written.image = sink.path if sink is not None else None
    return written


def refuse_remote(body: dict[str, Any]) -> None:
    if body.get("remote_image") not in (None, ""):
        raise Invalid.field("remote_image", NO_DOWNLOADS)
    body.pop("remote_image", None)
