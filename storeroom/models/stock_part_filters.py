"""The stock list's filters through an item's part (InvenTree's StockFilter and StockList): the
part with its variants (`include_variants=false`: the part itself), the part's variant tree, its
name and IPN (exact ignoring case, contained, or a regular expression), its yes/no flags, and
`bom_item`: the stock a BOM line may use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import parse_int
from storeroom.api.resource import Filter
from storeroom.models.expressions import table
from storeroom.models.filters import condition
from storeroom.models.regex_filters import matching, parse_pattern
from storeroom.models.stock_filters import own, subtree, subtree_switch


def of_parts(matches: Callable[[sa.FromClause], sa.ColumnElement[bool]]) -> sa.ColumnElement[bool]:
    """The item's part is one that `matches`."""
    parts = table("part").alias()
    return own().c.part.in_(sa.select(parts.c.id).where(matches(parts)))


def part_equal(name: str, column: str) -> Filter:
    """`?name=value`: the part's `column` equals the value, ignoring case (Django's iexact)."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        return of_parts(lambda parts: sa.func.lower(parts.c[column]) == sa.func.lower(value))

    return Filter(name, str, clause)


def part_contains(name: str, column: str) -> Filter:
    def clause(value: Any) -> sa.ColumnElement[bool]:
        return of_parts(lambda parts: parts.c[column].ilike("%" + value + "%"))

    return Filter(name, str, clause)


def part_regex(name: str, column: str) -> Filter:
    def clause(value: Any) -> sa.ColumnElement[bool]:
        return of_parts(lambda parts: matching(parts.c[column], value))

    return Filter(name, parse_pattern, clause)


def part_flag(name: str, column: str) -> Filter:
    def holds(items: sa.Table) -> sa.ColumnElement[bool]:
        return of_parts(lambda parts: parts.c[column].is_(True))

    return condition(name, "stockitem", holds)


def part_tree_filter() -> Filter:
    """`?part_tree=pk`: items of any part in that part's variant tree (its topmost template
    and everything below it)."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        parts = table("part")
        start = sa.select(parts.c.id, parts.c.variant_of).where(parts.c.id == value)
        upward = start.cte("part_ancestors", recursive=True)
        above = parts.alias()
        upward = upward.union_all(
            sa.select(above.c.id, above.c.variant_of).where(above.c.id == upward.c.variant_of)
        )
        root = sa.select(upward.c.id).where(upward.c.variant_of.is_(None)).scalar_subquery()
        return own().c.part.in_(subtree("part", "variant_of", root))

    return Filter("part_tree", parse_int, clause)


def usable_for_line(line_pk: Any) -> sa.Select[Any]:
    """The parts whose stock a BOM line may use (InvenTree's BomItem.get_valid_parts_for_
    allocation): its component, every variant below the component where the line allows
    variants, and its substitutes; of those, only parts as trackable as the component."""
    line, substitutes = table("bomitem").alias(), table("bomitemsubstitute").alias()
    component = sa.select(line.c.sub_part).where(line.c.id == line_pk).scalar_subquery()
    allows_variants = sa.select(line.c.allow_variants).where(line.c.id == line_pk)
    parts = table("part")
    variants = sa.select(parts.c.id).where(
        parts.c.id.in_(subtree("part", "variant_of", component)),
        sa.func.coalesce(allows_variants.scalar_subquery(), sa.false()).is_(True),
    )
    substituted = sa.select(substitutes.c.part).where(substitutes.c.bom_item == line_pk)
    component_part = parts.alias()
    tracked = sa.select(component_part.c.trackable).where(component_part.c.id == component)
    candidates = parts.alias()
    return sa.select(candidates.c.id).where(
        sa.or_(
            candidates.c.id == component,
            candidates.c.id.in_(variants),
            candidates.c.id.in_(substituted),
        ),
        candidates.c.trackable == tracked.scalar_subquery(),
    )


PART_FILTERS: tuple[Filter, ...] = (
    subtree_switch("include_variants", "part"),
    part_tree_filter(),
    part_equal("name", "name"),
    part_equal("IPN", "IPN"),
    part_contains("name_contains", "name"),
    part_contains("IPN_contains", "IPN"),
    part_regex("name_regex", "name"),
    part_regex("IPN_regex", "IPN"),
    part_flag("active", "active"),
    part_flag("assembly", "assembly"),
    part_flag("salable", "salable"),
    Filter("bom_item", parse_int, lambda value: own().c.part.in_(usable_for_line(value))),
)
