"""The nested objects of order lines that a query parameter asks for (InvenTree's order line
serializers: `part_detail`, `order_detail`, `item_detail`, all off by default). Each combination
asked for is a variant of the line's Resource with those fields added, compiled and cached once
like any list's, the objects built by the database for the page's rows only (as the stock list's,
models/stock_expansions.py); `Resource.expand` picks the variant for a request."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Mapping
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field, FieldError, parse_bool
from storeroom.api.resource import Resource
from storeroom.errors import Invalid
from storeroom.models.expressions import table
from storeroom.models.stock_details import JsonValue, detail_field, json_of

Expansions = Mapping[str, tuple[Field, ...]]


def nested(
    name: str,
    resource: Resource,
    names: tuple[str, ...],
    column: str,
    through: tuple[str, str] | None = None,
) -> Field:
    """The `resource` row this row's `column` points at, or with `through` (a model and its
    column) the row that the pointed-at row's column points at, as JSON with `names`; null where
    a relation is empty."""
    if through is None:
        return detail_field(name, resource, names, column)
    middle_type, middle_column = through

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        target, middle = table(resource.model_type).alias(), table(middle_type).alias()
        found = sa.select(json_of(resource, names, target)).where(
            middle.c.id == owner.c[column], target.c.id == middle.c[middle_column]
        )
        return sa.type_coerce(found.scalar_subquery(), JsonValue())

    return Field(name, "json", read_only=True, nullable=True, stored=False, expression=expression)


def fields_of(resource: Resource) -> tuple[str, ...]:
    """A nested object's keys: the resource's stored columns but JSON, moments and decimals (JSON
    built in SQL would write a moment in SQLite's text form and a decimal as a number, where the
    API writes text)."""
    return (
        "pk",
        *(
            spec.name
            for spec in resource.readable
            if spec.stored
            and spec.expression is None
            and spec.kind not in {"datetime", "decimal", "json", "tags"}
            and spec.name != "pk"
        ),
    )


def order_detail(order: Resource, column: str = "order") -> Field:
    """A line's order (InvenTree's order serializer, its stored fields)."""
    return nested("order_detail", order, fields_of(order), column)


def with_expansions(base: Resource, optional: Expansions) -> Resource:
    """`base` answering the nested objects each `?<name>=true` asks for."""
    variants = {
        chosen: dataclasses.replace(
            base,
            model_type="+".join((base.model_type, *chosen)),
            fields=(*base.fields, *(spec for name in chosen for spec in optional[name])),
        )
        for size in range(1, len(optional) + 1)
        for chosen in itertools.combinations(optional, size)
    }
    return dataclasses.replace(base, expand=chooser(tuple(optional), variants))


def chooser(
    names: tuple[str, ...], variants: dict[tuple[str, ...], Resource]
) -> Callable[[Mapping[str, Any]], Resource | None]:
    """The variant a request's parameters ask for (None: the resource itself); a 400 naming a
    parameter that is not a boolean."""

    def expand(params: Mapping[str, Any]) -> Resource | None:
        chosen: list[str] = []
        errors: dict[str, list[str]] = {}
        for name in names:
            raw = params.get(name)
            try:
                if raw is not None and parse_bool(raw):
                    chosen.append(name)
            except FieldError as error:
                errors[name] = [str(error)]
        if errors:
            raise Invalid(errors)
        return variants.get(tuple(chosen))

    return expand
