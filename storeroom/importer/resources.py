"""The importer's three tables declared as resources, so that their lists and details page,
filter, order and render in every dialect as every other resource's do."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import msgspec
import sqlalchemy as sa

from storeroom.api.fields import Field, FieldError
from storeroom.api.resource import Access, Filter, Resource
from storeroom.importer.access import in_scope, viewable_sessions
from storeroom.importer.tables import (
    import_column_mapping_table,
    import_row_table,
    import_session_table,
)

STATUS_CHOICES = (0, 10, 20, 30, 40)
JSON_TEXT = ("row_data", "data", "errors")


def as_text(name: str) -> Callable[[sa.Table], sa.ColumnElement[Any]]:
    def expression(table: sa.Table) -> sa.ColumnElement[Any]:
        return sa.cast(table.c[name], sa.Text)

    return expression


def raw_json(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows read with their JSON as text, made ready to be encoded as that JSON."""
    for found in objects:
        for name in JSON_TEXT:
            text = found[name]
            if text is not None:
                found[name] = msgspec.Raw(text.encode() if isinstance(text, str) else text)
    return objects


SIGNED_IN = Access()

SESSION = Resource(
    table=import_session_table,
    model_type="dataimportsession",
    name="data_import_session",
    plural="data_import_sessions",
    path="/api/importer/session/",
    access=SIGNED_IN,
    fields=(
        Field("pk", "int", read_only=True, column="id"),
        Field("timestamp", "datetime", read_only=True),
        Field("data_file", "str", read_only=True),
        Field("model_type", "str", required=True),
        Field("status", "int", read_only=True, choices=STATUS_CHOICES),
        Field("user", "int", read_only=True, nullable=True, column="user_id"),
        Field("user_detail", "json", read_only=True, nullable=True),
        Field("columns", "json", read_only=True, nullable=True),
        Field("field_defaults", "json", nullable=True),
        Field("field_overrides", "json", nullable=True),
        Field("field_filters", "json", nullable=True),
        Field("row_count", "int", read_only=True),
        Field("completed_row_count", "int", read_only=True),
        Field("error", "str", read_only=True, nullable=True),
    ),
    filters=("model_type", "status", "user"),
    ordering=("timestamp", "status", "model_type"),
    default_ordering=("pk",),
    search=("model_type", "data_file"),
)

COLUMN_MAPPING = Resource(
    table=import_column_mapping_table,
    model_type="dataimportcolumnmap",
    name="data_import_column_map",
    plural="data_import_column_maps",
    path="/api/importer/column-mapping/",
    access=SIGNED_IN,
    fields=(
        Field("pk", "int", read_only=True, column="id"),
        Field("session", "int", read_only=True),
        Field("column", "str", max_length=100),
        Field("field", "str", read_only=True),
        Field("label", "str", read_only=True),
        Field("description", "str", read_only=True),
    ),
    filters=("session",),
    ordering=("field", "column"),
    search=("field", "column", "label"),
    operations=frozenset({"list", "detail"}),
)

ROW = Resource(
    table=import_row_table,
    model_type="dataimportrow",
    name="data_import_row",
    plural="data_import_rows",
    path="/api/importer/row/",
    access=SIGNED_IN,
    fields=(
        Field("pk", "int", read_only=True, column="id"),
        Field("session", "int", read_only=True),
        Field("row_index", "int", read_only=True),
        # Read as their stored JSON text and answered as it is (routes.py): decoding and
        # re-encoding a million rows' JSON would cost more than reading them.
        Field("row_data", "json", read_only=True, nullable=True, expression=as_text("row_data")),
        Field("data", "json", nullable=True, expression=as_text("data")),
        Field("errors", "json", read_only=True, nullable=True, expression=as_text("errors")),
        Field("valid", "bool", read_only=True),
        Field("complete", "bool", read_only=True),
    ),
    filters=("session", "valid", "complete"),
    ordering=("row_index", "valid", "complete"),
    default_ordering=("row_index",),
    operations=frozenset({"list", "detail"}),
    inventree_bulk_delete=True,
)


def _refuse(raw: Any) -> Any:
    raise FieldError("Unknown filter.")


def _scoped(resource: Resource, clause: Callable[[Any], sa.ColumnElement[bool]]) -> Resource:
    """The same list narrowed to the sessions of the model types a user may view (routes.py
    binds the `viewable` filter's value for users without every right)."""
    return dataclasses.replace(
        resource,
        model_type=f"{resource.model_type}-scoped",
        filters=(*resource.filters, Filter("viewable", _refuse, clause)),
    )


SCOPED_SESSION = _scoped(SESSION, lambda value: in_scope(SESSION.table.c.model_type, value))
SCOPED_COLUMN_MAPPING = _scoped(
    COLUMN_MAPPING, lambda value: COLUMN_MAPPING.table.c.session.in_(viewable_sessions(value))
)
SCOPED_ROW = _scoped(ROW, lambda value: ROW.table.c.session.in_(viewable_sessions(value)))
