"""The part list's filters beyond equality: every parameter InvenTree's PartFilter declares for
API 264, plus its undeclared `category` (with `cascade`, on by default, and `=null`).

Every one is honoured; a value a filter cannot read answers 400 naming it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import FieldError, parse_bool, parse_date, parse_float, parse_int
from storeroom.api.resource import Filter
from storeroom.models import part_stock as stock
from storeroom.models.expressions import table
from storeroom.models.regex_filters import matching, parse_pattern


def equals(name: str) -> Filter:
    """`?name=N` keeps the parts whose relation `name` is N (`=null`: is empty)."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        column = table("part").c[name]
        return column.is_(None) if value is None else column == value

    return Filter(name, parse_category, clause)


def flag(name: str, holds: Callable[[sa.Table], sa.ColumnElement[bool]]) -> Filter:
    """`?name=true` keeps the parts where `holds`, `?name=false` the others."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        built = holds(table("part"))
        return built if value else sa.not_(built)

    return Filter(name, parse_bool, clause)


def parse_category(raw: Any) -> int | None:
    """A pk, or `null` for none."""
    if isinstance(raw, str) and raw.strip().lower() in {"null", "none", ""}:
        return None
    return parse_int(raw)


def category_tree(value: Any) -> sa.Select[Any]:
    """The category `value` and every category below it."""
    category = table("partcategory").alias()
    below = sa.select(category.c.id).where(category.c.id == value).cte(recursive=True)
    child = table("partcategory").alias()
    below = below.union_all(sa.select(child.c.id).where(child.c.parent == below.c.id))
    return sa.select(below.c.id)


def in_category(value: Any) -> sa.ColumnElement[bool]:
    """`?category=N`: parts in N or a category below it (`?cascade=false`: in N only);
    `?category=null`: parts without a category."""
    part = table("part")
    if value is None:
        return part.c.category.is_(None)
    return part.c.category.in_(category_tree(value))


def cascading(value: Any) -> sa.ColumnElement[bool]:
    """`?cascade=false` narrows `?category=N` to N itself: it reads the category filter's bound
    value (null when `category` is absent or null, and then changes nothing)."""
    if value:
        return sa.true()
    part = table("part")
    category = sa.bindparam("filter_category", value=None, type_=sa.Integer)
    return sa.or_(category.is_(None), part.c.category == category)


def variant_tree(value: Any) -> sa.Select[Any]:
    """The parts below part `value` in its variant tree, at every depth (not `value`)."""
    part = table("part").alias()
    below = sa.select(part.c.id).where(part.c.variant_of == value).cte(recursive=True)
    deeper = table("part").alias()
    below = below.union_all(sa.select(deeper.c.id).where(deeper.c.variant_of == below.c.id))
    return sa.select(below.c.id)


def below_ancestor(value: Any) -> sa.ColumnElement[bool]:
    return table("part").c.id.in_(variant_tree(value))


def outside_tree(value: Any) -> sa.ColumnElement[bool]:
    """`?exclude_tree=N`: not N, nor any of its variants."""
    part = table("part")
    return sa.and_(part.c.id != value, part.c.id.not_in(variant_tree(value)))


def in_bom_for(value: Any) -> sa.ColumnElement[bool]:
    """`?in_bom_for=N`: the components of assembly N's BOM."""
    bom = table("bomitem").alias()
    return table("part").c.id.in_(sa.select(bom.c.sub_part).where(bom.c.part == value))


def convertible_from(value: Any) -> sa.ColumnElement[bool]:
    """`?convert_from=N`: InvenTree's Part.get_conversion_options: the variants below part N,
    its template and the template's other variants; active and not virtual, never N itself."""
    part, source = table("part"), table("part").alias()
    template = sa.select(source.c.variant_of).where(source.c.id == value).scalar_subquery()
    return sa.and_(
        sa.or_(
            part.c.id.in_(variant_tree(value)),
            part.c.id == template,
            part.c.variant_of == template,
        ),
        part.c.id != value,
        part.c.active.is_(True),
        part.c.virtual.is_(False),
    )


def short_for_builds(part: sa.Table) -> sa.ColumnElement[bool]:
    """InvenTree's `stock_to_build`: active builds need more of the part than they allocated."""
    return stock.required_for_build_orders(part) > stock.allocated_to_build_orders(part)


def bom_valid(part: sa.Table) -> sa.ColumnElement[bool]:
    """Every line of the part's BOM is validated (a part without a BOM is valid)."""
    bom = table("bomitem").alias()
    unchecked = sa.select(bom.c.id).where(bom.c.part == part.c.id, bom.c.validated.is_(False))
    return sa.not_(sa.exists(unchecked))


def has_revisions(part: sa.Table) -> sa.ColumnElement[bool]:
    other = table("part").alias()
    return sa.exists(sa.select(other.c.id).where(other.c.revision_of == part.c.id))


def has_pricing(part: sa.Table) -> sa.ColumnElement[bool]:
    return sa.or_(part.c.pricing_min.is_not(None), part.c.pricing_max.is_not(None))


def filled(column_name: str) -> Callable[[sa.Table], sa.ColumnElement[bool]]:
    return lambda part: sa.and_(part.c[column_name].is_not(None), part.c[column_name] != "")


def created(name: str, after: bool) -> Filter:
    def clause(value: Any) -> sa.ColumnElement[bool]:
        column: sa.ColumnElement[Any] = table("part").c.creation_date
        chosen: sa.ColumnElement[bool] = column > value if after else column < value
        return chosen

    return Filter(name, parse_date, clause)


def parse_amount_flag(raw: Any) -> bool:
    """A yes/no, or a number read as "more than zero" (`?unallocated_stock=0.0` is false)."""
    try:
        return parse_bool(raw)
    except FieldError:
        return parse_float(raw) > 0


def parse_tag(raw: Any) -> str:
    tag = str(raw).strip()
    if not tag or '"' in tag or "\\" in tag:
        raise FieldError("Enter a tag name.")
    return tag


def tagged(name: str, slugged: bool) -> Filter:
    """`?tags_name=x`: parts tagged x (`?tags_slug=x`: x lower-cased, spaces as dashes)."""

    def parse(raw: Any) -> str:
        tag = parse_tag(raw)
        return tag.lower().replace(" ", "-") if slugged else tag

    def clause(value: Any) -> sa.ColumnElement[bool]:
        tags: sa.ColumnElement[Any] = sa.cast(table("part").c.tags, sa.Text)
        if slugged:
            tags = sa.func.replace(sa.func.lower(tags), " ", "-")
        quoted = sa.literal('"', sa.String) + sa.cast(value, sa.String) + '"'
        return tags.contains(quoted, autoescape=False)

    return Filter(name, parse, clause)


PART_FILTERS: tuple[str | Filter, ...] = (
    Filter("category", parse_category, in_category),
    Filter("cascade", parse_bool, cascading),
    "active",
    "assembly",
    "component",
    "is_template",
    "purchaseable",
    "salable",
    "testable",
    "trackable",
    "virtual",
    "locked",
    "IPN",
    "variant_of",
    # As Filters, not names: a named filter gets a (column, id) index in place of the plain
    # index these relations have had since before their filters.
    equals("revision_of"),
    equals("default_location"),
    Filter("ancestor", parse_int, below_ancestor),
    Filter("exclude_tree", parse_int, outside_tree),
    Filter("in_bom_for", parse_int, in_bom_for),
    created("created_after", after=True),
    created("created_before", after=False),
    flag("bom_valid", bom_valid),
    flag("has_ipn", filled("IPN")),
    flag("has_units", filled("units")),
    flag("is_revision", lambda part: part.c.revision_of.is_not(None)),
    flag("has_revisions", has_revisions),
    flag(
        "has_pricing",
        lambda part: sa.or_(part.c.pricing_min.is_not(None), part.c.pricing_max.is_not(None)),
    ),
    flag("has_stock", lambda part: stock.total_in_stock(part) > 0),
    flag("depleted_stock", lambda part: stock.total_in_stock(part) <= 0),
    flag("low_stock", lambda part: stock.total_in_stock(part) < part.c.minimum_stock),
    Filter(
        "unallocated_stock",
        parse_amount_flag,
        lambda value: (
            (stock.unallocated_stock(table("part")) > 0)
            if value
            else (stock.unallocated_stock(table("part")) <= 0)
        ),
    ),
    # The lists bind the caller's stars instead (parts/stars.py); where no caller is known (a
    # bulk delete's filters) nothing is starred: `true` keeps none, `false` all.
    Filter("starred", parse_bool, lambda value: sa.false() if value else sa.true()),
    tagged("tags_name", slugged=False),
    tagged("tags_slug", slugged=True),
    Filter("IPN_regex", parse_pattern, lambda value: matching(table("part").c.IPN, value)),
    Filter("name_regex", parse_pattern, lambda value: matching(table("part").c.name, value)),
    Filter("convert_from", parse_int, convertible_from),
    flag("stock_to_build", short_for_builds),
    # A part has had a stocktake (InvenTree reads its last_stocktake date).
    flag("stocktake", lambda part: part.c.last_stocktake.is_not(None)),
)
