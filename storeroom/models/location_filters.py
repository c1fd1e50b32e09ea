"""The query parameters of `/api/stock/location/` as InvenTree's StockLocationFilter answers
them: `parent` the direct children of a location, or with `cascade=true` every location below it;
`depth` levels below the parent (or from the top); `top_level`, and `cascade=false` without a
parent, the top-level locations; `location_type` and `has_location_type`.

The parameters read each other, as InvenTree's filter methods read `self.data`: a clause names
another parameter's bound value (`filter_<name>`, null when not given), so that the list's
statement is still compiled once per shape. `cascade` and `top_level` are bound as 0 or 1 for
that (a boolean would be compiled into the statement, not bound)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import parse_bool, parse_float
from storeroom.api.resource import Filter
from storeroom.models.expressions import table
from storeroom.models.filters import condition
from storeroom.models.stock_filters import nullable_pk, subtree


def own() -> sa.Table:
    return table("stocklocation")


def given(name: str) -> sa.BindParameter[Any]:
    """Another parameter's value in this request (null when it was not given)."""
    return sa.bindparam(f"filter_{name}", value=None, type_=sa.Integer)


def flag(raw: Any) -> int:
    return int(parse_bool(raw))


def is_on(name: str) -> sa.ColumnElement[bool]:
    return sa.func.coalesce(given(name), 0) == 1


def parent_clause(value: Any) -> sa.ColumnElement[bool]:
    if value is None:
        return own().c.parent.is_(None)
    return sa.or_(
        sa.and_(is_on("cascade"), own().c.parent.in_(subtree("stocklocation", "parent", value))),
        sa.and_(sa.not_(is_on("cascade")), own().c.parent == value),
    )


def depth_clause(value: Any) -> sa.ColumnElement[bool]:
    """Levels from the top, or below the parent when one is given."""
    places = own().alias()
    parent_level = sa.select(places.c.level).where(places.c.id == given("parent"))
    return sa.or_(
        sa.and_(given("parent").is_(None), own().c.level <= value),
        own().c.level <= parent_level.scalar_subquery() + value,
    )


def top_level_clause(value: Any) -> sa.ColumnElement[bool]:
    """`top_level=true` keeps the top-level locations, unless `cascade` is on."""
    return sa.or_(value == 0, is_on("cascade"), own().c.parent.is_(None))


def cascade_clause(value: Any) -> sa.ColumnElement[bool]:
    """`cascade=false` without a parent (or with top_level) keeps the top-level locations."""
    with_parent = sa.and_(given("parent").is_not(None), sa.not_(is_on("top_level")))
    return sa.or_(value == 1, with_parent, own().c.parent.is_(None))


LOCATION_FILTERS: tuple[str | Filter, ...] = (
    "structural",
    "external",
    "name",
    "location_type",
    Filter("parent", nullable_pk, parent_clause),
    # A number, as InvenTree's NumberFilter reads it (`depth=1.5` keeps levels up to 1).
    Filter("depth", parse_float, depth_clause),
    Filter("top_level", flag, top_level_clause),
    Filter("cascade", flag, cascade_clause),
    condition("has_location_type", "stocklocation", lambda row: row.c.location_type.is_not(None)),
)
