"""SQL expressions for computed, read-only fields: counts and totals over related models."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from storeroom.db.metadata import TENANT_SCHEMA, tenant_metadata


def table(model_type: str) -> sa.Table:
    """Another model's table, looked up when a query is first built (declaration order free)."""
    return tenant_metadata.tables[f"{TENANT_SCHEMA}.{model_type}"]


def count_of(model_type: str, column: str) -> Callable[[sa.Table], sa.ColumnElement[Any]]:
    """How many rows of `model_type` point at this row through `column`."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        other = table(model_type)
        return (
            sa.select(sa.func.count())
            .select_from(other)
            .where(other.c[column] == owner.c.id)
            .scalar_subquery()
        )

    return expression
