"""List filters beyond plain equality on a field: yes/no conditions on the row (`overdue`,
`has_pricing`) and conditions on a related row (`part_active`, `order_status`).

Tables are looked up when a list query is first built, as the declarations that name them may
come later in the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import parse_bool
from storeroom.api.resource import Filter
from storeroom.models.expressions import one_of, table

Holds = Callable[[sa.Table], sa.ColumnElement[bool]]


def condition(name: str, model_type: str, holds: Holds) -> Filter:
    """`?name=true` keeps the rows where `holds`, `?name=false` the others."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        built = holds(table(model_type))
        return built if value else sa.not_(built)

    return Filter(name, parse_bool, clause)


def is_set(name: str, model_type: str, column: str) -> Filter:
    """`?name=true` keeps the rows where `column` has a value (`has_pricing`, `shipped`)."""
    return condition(name, model_type, lambda own: own.c[column].is_not(None))


def status_in(name: str, model_type: str, codes: tuple[int, ...]) -> Filter:
    """`?name=true` keeps the rows whose status is one of `codes` (`outstanding`, `active`)."""
    return condition(name, model_type, lambda own: one_of(own.c.status, codes))


def through(
    name: str,
    model_type: str,
    column: str,
    target_type: str,
    field: str,
    parse: Callable[[Any], Any],
) -> Filter:
    """`?name=value` keeps the rows whose `column` points at a `target_type` row with
    `field == value` (`?part_active=true` on a BOM item: its assembly is active)."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        own, target = table(model_type), table(target_type).alias()
        matching = sa.select(target.c.id).where(target.c[field] == value)
        return own.c[column].in_(matching)

    return Filter(name, parse, clause)


def related_status_in(
    name: str, model_type: str, column: str, target_type: str, codes: tuple[int, ...]
) -> Filter:
    """`?name=true` keeps the rows whose `column` points at a row with a status in `codes`
    (`?order_complete=true` on a line: its order is complete)."""

    def holds(own: sa.Table) -> sa.ColumnElement[bool]:
        target = table(target_type).alias()
        matching = sa.select(target.c.id).where(one_of(target.c.status, codes))
        return own.c[column].in_(matching)

    return condition(name, model_type, holds)
