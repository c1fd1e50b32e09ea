"""The request and answer shapes of the generate endpoints (declared for the OpenAPI document).

The context fields are write-only (docs/api-behaviour.md, "Known contradictions": the schema
calls them so but does not mark them).
"""

from __future__ import annotations

from typing import Annotated

import msgspec

from storeroom.api.action_bodies import PrimaryKey

# Serial numbers are reserved as rows: one request may ask for at most this many.
MAX_SERIALS_PER_REQUEST = 1000


class SerialNumberIn(msgspec.Struct):
    part: PrimaryKey | None = None
    quantity: Annotated[int, msgspec.Meta(ge=1, le=MAX_SERIALS_PER_REQUEST)] = 1


class SerialNumberOut(msgspec.Struct):
    # Several serial numbers are one comma-separated string, as InvenTree answers them.
    serial: str
    # The same value: InvenTree's server sends this key and its clients read it.
    serial_number: str


class BatchCodeIn(msgspec.Struct):
    part: PrimaryKey | None = None
    location: PrimaryKey | None = None
    item: PrimaryKey | None = None
    build_order: PrimaryKey | None = None
    purchase_order: PrimaryKey | None = None
    quantity: float | None = None


class BatchCodeOut(msgspec.Struct):
    batch_code: str
