"""The bodies of the session endpoints, as the contract names them (for /api/schema/)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from storeroom.api.openapi_structs import Moment

ReadOnly = msgspec.Meta(extra_json_schema={"readOnly": True})
Status = Literal[0, 10, 20, 30, 40]


class User(msgspec.Struct):
    pk: Annotated[int, ReadOnly]
    username: str
    first_name: str
    last_name: str
    email: Annotated[str, msgspec.Meta(extra_json_schema={"format": "email"})]


class DataImportColumnMap(msgspec.Struct):
    pk: Annotated[int, ReadOnly]
    session: Annotated[int, ReadOnly]
    field: Annotated[str, ReadOnly]
    label: Annotated[str, ReadOnly]
    description: Annotated[str, ReadOnly]
    column: Annotated[str, msgspec.Meta(max_length=100)] | msgspec.UnsetType = msgspec.UNSET


class DataImportSession(msgspec.Struct):
    pk: Annotated[int, ReadOnly]
    timestamp: Annotated[Moment, ReadOnly]
    data_file: Annotated[str, msgspec.Meta(extra_json_schema={"format": "uri"})]
    model_type: str
    available_fields: Annotated[Any, ReadOnly]
    status: Annotated[Status, ReadOnly]
    user: Annotated[int | None, ReadOnly]
    user_detail: Annotated[User, ReadOnly]
    columns: Annotated[Any, ReadOnly]
    column_mappings: Annotated[list[DataImportColumnMap], ReadOnly]
    row_count: Annotated[int, ReadOnly]
    completed_row_count: Annotated[int, ReadOnly]
    field_defaults: Any = None
    field_overrides: Any = None
    field_filters: Any = None
    # Why the file could not be imported (storeroom keeps it; InvenTree answers a 500).
    error: Annotated[str | None, ReadOnly] = None


class DataImportAcceptRow(msgspec.Struct):
    rows: list[int]


class ImportableModel(msgspec.Struct):
    model_type: str
    serializer: str
    api_url: str | None
