"""Related objects inlined into a row as JSON, built by the database for the page's rows only:
a location's `location_type_detail` and the stock list's `part_detail`, `location_detail` and
`supplier_part_detail` (InvenTree's nested serializers). One correlated subquery per object,
`json_object()` on SQLite and `json_build_object()` on PostgreSQL."""

from __future__ import annotations

from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

from storeroom.api.fields import Field
from storeroom.api.resource import Resource
from storeroom.models.expressions import Expression, table


class JsonValue(sa.types.TypeDecorator[Any]):
    """JSON built in SQL: SQLite hands it back as text, decoded here by msgspec."""

    impl = sa.JSON
    cache_ok = True

    def result_processor(self, dialect: sa.Dialect, coltype: object) -> Any:
        if dialect.name == "sqlite":
            return decode
        return super().result_processor(dialect, coltype)


def decode(value: Any) -> Any:
    return None if value is None else msgspec.json.decode(value)


class JsonObject(sa.sql.functions.GenericFunction[Any]):
    """A JSON object of alternating keys and values."""

    type = JsonValue()
    inherit_cache = True
    name = "json_object"


@compiles(JsonObject, "postgresql")
def _build_object(element: JsonObject, compiler: SQLCompiler, **options: Any) -> str:
    return f"json_build_object({compiler.process(element.clauses, **options)})"


@compiles(JsonObject, "sqlite")
def _sqlite_object(element: JsonObject, compiler: SQLCompiler, **options: Any) -> str:
    return f"json_object({compiler.process(element.clauses, **options)})"


class JsonBool(sa.sql.functions.GenericFunction[Any]):
    """A boolean as a JSON value: SQLite's json_object() would write 0 or 1."""

    type = sa.Boolean()
    inherit_cache = True
    name = "json_bool"


@compiles(JsonBool, "postgresql")
def _pg_bool(element: JsonBool, compiler: SQLCompiler, **options: Any) -> str:
    return compiler.process(element.clauses, **options)


@compiles(JsonBool, "sqlite")
def _sqlite_bool(element: JsonBool, compiler: SQLCompiler, **options: Any) -> str:
    value = compiler.process(element.clauses, **options)
    return f"json(CASE WHEN {value} IS NULL THEN NULL WHEN {value} THEN 'true' ELSE 'false' END)"


def value_of(spec: Field, row: sa.FromClause) -> sa.ColumnElement[Any]:
    # An alias reads as its table does.
    expression: Any = spec.expression
    found = row.c[spec.column_name] if expression is None else expression(row)
    return JsonBool(found) if spec.kind == "bool" else found


def json_of(resource: Resource, names: tuple[str, ...], row: sa.FromClause) -> JsonObject:
    pairs: list[Any] = []
    for name in names:
        spec = resource.field(name) if name != "pk" else Field("pk", "int", column="id")
        pairs += [sa.literal_column(f"'{name}'"), value_of(spec, row)]
    return JsonObject(*pairs)


def detail_of(resource: Resource, names: tuple[str, ...], column: str) -> Expression:
    """The object this row's `column` points at, as JSON with `names` (null when none)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        row = table(resource.model_type).alias()
        found = sa.select(json_of(resource, names, row)).where(row.c.id == owner.c[column])
        return sa.type_coerce(found.scalar_subquery(), JsonValue())

    return expression


def detail_field(name: str, resource: Resource, names: tuple[str, ...], column: str) -> Field:
    return Field(
        name,
        "json",
        read_only=True,
        nullable=True,
        stored=False,
        expression=detail_of(resource, names, column),
    )
