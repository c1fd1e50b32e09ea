"""Related objects inlined into a row as JSON, built by the database for the page's rows only:
a location's `location_type_detail` and the stock list's `part_detail`, `location_detail` and
`supplier_part_detail` (InvenTree's nested serializers). One correlated subquery per object,
`json_object()` on SQLite and `json_build_object()` on PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

from storeroom.api.fields import Field, FieldError, parse_bool
from storeroom.api.resource import Resource
from storeroom.errors import Invalid
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


def path_field(name: str, column: str) -> Field:
    return Field(
        name, "json", read_only=True, nullable=True, stored=False, expression=path_of(column)
    )


def detail_field(name: str, resource: Resource, names: tuple[str, ...], column: str) -> Field:
    return Field(
        name,
        "json",
        read_only=True,
        nullable=True,
        stored=False,
        expression=detail_of(resource, names, column),
    )


class JsonArray(sa.sql.functions.FunctionElement[Any]):
    """The JSON array of one JSON value per row, in the rows' order ([] for none). Not a
    GenericFunction: it is compiled below, never looked up by name."""

    type = JsonValue()
    inherit_cache = True
    name = "json_array_of"


@compiles(JsonArray, "postgresql")
def _pg_array(element: JsonArray, compiler: SQLCompiler, **options: Any) -> str:
    return f"coalesce(json_agg({compiler.process(element.clauses, **options)}), '[]'::json)"


@compiles(JsonArray, "sqlite")
def _sqlite_array(element: JsonArray, compiler: SQLCompiler, **options: Any) -> str:
    # json(): an object read back through a subquery is text to SQLite, not JSON.
    return f"json_group_array(json({compiler.process(element.clauses, **options)}))"


ONE = sa.literal_column("1", sa.Integer)


def path_of(column: str) -> Expression:
    """InvenTree's `get_path`: the location `column` names and every location above it, from the
    top down, as [{pk, name}, ...]; null when the row names none. A recursive CTE per row, read
    for the page's rows only and only when asked for (`path_detail`)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        places = table("stocklocation").alias()
        depth = sa.literal_column("0", sa.Integer).label("depth")
        start = sa.select(places.c.id, places.c.name, places.c.parent, depth)
        start = start.where(places.c.id == owner.c[column]).correlate(owner)
        upward = start.cte(f"path_of_{column}", recursive=True, nesting=True)
        above = table("stocklocation").alias()
        upward = upward.union_all(
            sa.select(above.c.id, above.c.name, above.c.parent, upward.c.depth + ONE).where(
                above.c.id == upward.c.parent
            )
        )
        # SQLite and PostgreSQL both aggregate a sorted subquery's rows in its order.
        ordered = sa.select(upward.c.id, upward.c.name).order_by(upward.c.depth.desc()).subquery()
        item = JsonObject(
            sa.literal_column("'pk'"), ordered.c.id, sa.literal_column("'name'"), ordered.c.name
        )
        found = sa.select(JsonArray(item)).scalar_subquery()
        path = sa.case((owner.c[column].is_(None), sa.null()), else_=found)
        return sa.type_coerce(path, JsonValue())

    return expression


def is_asked(params: Mapping[str, Any], name: str) -> bool:
    """Whether a yes/no query parameter is given as yes; a 400 naming it for any other value."""
    raw = params.get(name)
    if raw is None:
        return False
    try:
        return parse_bool(raw)
    except FieldError as error:
        raise Invalid.field(name, str(error)) from None
