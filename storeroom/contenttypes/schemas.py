"""The content type body, as InvenTree's ContentType serializer."""

from __future__ import annotations

from typing import Annotated

import msgspec

ReadOnly = msgspec.Meta(extra_json_schema={"readOnly": True})


class ContentType(msgspec.Struct):
    pk: Annotated[int, ReadOnly]
    app_label: Annotated[str, ReadOnly]
    model: Annotated[str, ReadOnly]
    app_labeled_name: Annotated[str, ReadOnly]
    is_plugin: Annotated[bool, ReadOnly]
