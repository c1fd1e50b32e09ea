"""SQL expressions for computed, read-only fields: counts, totals and values of related rows.

Every subquery reads an alias of the other table, so that a model counting rows of its own table
(a category's subcategories) correlates with the outer row instead of with itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import sqlalchemy as sa

from storeroom.db.metadata import TENANT_SCHEMA, tenant_metadata

Expression = Callable[[sa.Table], sa.ColumnElement[Any]]
Condition = Callable[[sa.FromClause], sa.ColumnElement[bool]]


def table(model_type: str) -> sa.Table:
    """Another model's table, looked up when a query is first built (declaration order free)."""
    return tenant_metadata.tables[f"{TENANT_SCHEMA}.{model_type}"]


def count_of(model_type: str, column: str, where: Condition | None = None) -> Expression:
    """How many rows of `model_type` point at this row through `column` (and match `where`)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        other = table(model_type).alias()
        query = sa.select(sa.func.count()).select_from(other).where(other.c[column] == owner.c.id)
        if where is not None:
            query = query.where(where(other))
        return query.scalar_subquery()

    return expression


def total_of(
    model_type: str, column: str, field: str, where: Condition | None = None
) -> Expression:
    """The sum of `field` over the rows of `model_type` pointing at this row (0 when none)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        other = table(model_type).alias()
        query = sa.select(sa.func.coalesce(sa.func.sum(other.c[field]), 0.0)).where(
            other.c[column] == owner.c.id
        )
        if where is not None:
            query = query.where(where(other))
        return query.scalar_subquery()

    return expression


def related_value(field: str, *hops: tuple[str, str]) -> Expression:
    """`field` of the row reached by following relations, each hop a (column, model type):
    `related_value("MPN", ("part", "supplierpart"), ("manufacturer_part", "manufacturerpart"))`.
    Null when a relation on the way is null."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        (first_column, first_type), *rest = hops
        current = table(first_type).alias()
        query = sa.select().select_from(current).where(current.c.id == owner.c[first_column])
        for column, model_type in rest:
            following = table(model_type).alias()
            query = query.join(following, following.c.id == current.c[column])
            current = following
        return query.add_columns(current.c[field]).scalar_subquery()

    return expression


def one_of(column: sa.ColumnElement[Any], codes: Iterable[int]) -> sa.ColumnElement[bool]:
    """`column IN (codes)` with the codes written into the SQL: an IN list of bound values would
    be expanded per execution, which the compiled read path does not do."""
    return column.in_([sa.literal_column(str(int(code))) for code in codes])


def overdue(open_codes: tuple[int, ...]) -> Expression:
    """Open and past its target date, as InvenTree's `overdue_filter` (target date before today)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        return sa.and_(
            one_of(owner.c.status, open_codes),
            owner.c.target_date.is_not(None),
            owner.c.target_date < sa.func.current_date(),
        )

    return expression
