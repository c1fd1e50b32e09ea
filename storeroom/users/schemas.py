"""The owner body, as InvenTree's OwnerSerializer (a user or a group: `label`)."""

from __future__ import annotations

from typing import Annotated

import msgspec

ReadOnly = msgspec.Meta(extra_json_schema={"readOnly": True})


class Owner(msgspec.Struct):
    pk: Annotated[int, ReadOnly]
    # InvenTree's column is nullable; an owner here always names its user or group.
    owner_id: int | None
    name: Annotated[str, ReadOnly]
    label: Annotated[str, ReadOnly]
