"""The bodies of the session endpoints, as the contract names them (for /api/schema/)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from storeroom.api.openapi_structs import Moment

ReadOnly = msgspec.Meta(extra_json_schema={"readOnly": True})
Status = Literal[0, 10, 20, 30, 40]
# The contract's DataImportSessionModelTypeEnum, in its order.
ModelType = Literal[
    "partcategory",
    "parttesttemplate",
    "partsellpricebreak",
    "partparametertemplate",
    "partparameter",
    "part",
    "bomitem",
    "partcategoryparametertemplate",
    "address",
    "company",
    "contact",
    "manufacturerpart",
    "manufacturerpartparameter",
    "supplierpart",
    "supplierpricebreak",
    "projectcode",
    "inventreecustomuserstatemodel",
    "customunit",
    "stockitemtestresult",
    "stockitem",
    "stocklocation",
    "stockitemtracking",
    "purchaseorder",
    "purchaseorderlineitem",
    "purchaseorderextraline",
    "salesorder",
    "salesorderlineitem",
    "salesorderextraline",
    "returnorder",
    "returnorderlineitem",
    "returnorderextraline",
]
AnyJson = Annotated[Any, msgspec.Meta(extra_json_schema={"nullable": True})]


class SessionUser(msgspec.Struct):
    pk: Annotated[int, ReadOnly]
    username: str
    first_name: str
    last_name: str
    email: Annotated[str, msgspec.Meta(extra_json_schema={"format": "email"})]


class SessionColumnMap(msgspec.Struct):
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
    model_type: ModelType
    available_fields: Annotated[Any, ReadOnly]
    status: Annotated[Status, ReadOnly]
    user: Annotated[int | None, ReadOnly]
    user_detail: Annotated[SessionUser, ReadOnly]
    columns: Annotated[AnyJson, ReadOnly]
    column_mappings: Annotated[list[SessionColumnMap], ReadOnly]
    row_count: Annotated[int, ReadOnly]
    completed_row_count: Annotated[int, ReadOnly]
    field_defaults: AnyJson = None
    field_overrides: AnyJson = None
    field_filters: AnyJson = None
    # Why the file could not be imported (storeroom keeps it; InvenTree answers a 500).
    error: Annotated[str | None, ReadOnly] = None


class DataImportSessionUpload(DataImportSession):
    """A new session, as uploaded: the session's fields and the file's text encoding."""

    encoding: Annotated[
        str | None,
        msgspec.Meta(
            description=(
                "The text encoding of a CSV or TSV file (a Python codec name, e.g. cp1251); "
                "detected when not given."
            ),
            extra_json_schema={"writeOnly": True},
        ),
    ] = None


class DataImportAcceptRow(msgspec.Struct):
    rows: list[int]


class ImportableModel(msgspec.Struct):
    model_type: str
    serializer: str
    api_url: str | None
