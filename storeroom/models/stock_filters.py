"""The query parameters of `/api/stock/` as InvenTree's StockFilter answers them (stock/api.py):
a location, part or category names its whole subtree (`cascade=false` only the location itself),
`=null` means none, yes/no conditions on the item, and conditions through its part, location and
supplier part. A parameter InvenTree honours that storeroom does not yet is a 400 naming it,
never a silently unfiltered list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import FieldError, parse_bool, parse_date, parse_float, parse_int
from storeroom.api.resource import Filter
from storeroom.models.expressions import one_of, table
from storeroom.models.filters import condition

Holds = Callable[[sa.Table], sa.ColumnElement[bool]]
# StockStatusGroups.AVAILABLE_CODES (stock/codes.py names them for the ledger).
AVAILABLE = (10, 50, 55)


def own() -> sa.Table:
    return table("stockitem")


def subtree(model_type: str, parent: str, root: Any) -> sa.Select[Any]:
    """The pks of `root` and every row below it (a recursive CTE on both databases)."""
    nodes = table(model_type)
    top = sa.select(nodes.c.id).where(nodes.c.id == root).cte(f"{model_type}_tree", recursive=True)
    below = nodes.alias()
    tree = top.union_all(sa.select(below.c.id).where(below.c[parent] == top.c.id))
    return sa.select(tree.c.id)


def parse_moment(raw: Any) -> datetime:
    """A date as the moment it begins (Django compares a datetime field with a date so)."""
    return datetime.combine(parse_date(raw), time(), UTC)


def nullable_pk(raw: Any) -> int | None:
    """A pk, or None for InvenTree's `null` / `none`."""
    if isinstance(raw, str) and raw.strip().lower() in {"null", "none"}:
        return None
    return parse_int(raw)


def in_tree(name: str, column: str, model_type: str, parent: str) -> Filter:
    """`?name=pk` keeps the items whose `column` is that row or below it; `null`: none."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        if value is None:
            return own().c[column].is_(None)
        return own().c[column].in_(subtree(model_type, parent, value))

    return Filter(name, nullable_pk, clause)


def cascade_filter() -> Filter:
    """`cascade=false` narrows `location` to the location itself (ignored without one)."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        if value:
            return sa.true()
        given = sa.bindparam("filter_location", value=None, type_=sa.Integer)
        return sa.or_(given.is_(None), own().c.location == given)

    return Filter("cascade", parse_bool, clause)


def part_tree(
    name: str, column: str, parse: Callable[[Any], Any], make: Callable[[Any], Any]
) -> Filter:
    """`?name=value` keeps the items whose part's `column` compares with `make(value)`."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        parts = table("part").alias()
        matching = sa.select(parts.c.id).where(make(parts.c[column]) == make(value))
        return own().c.part.in_(matching)

    return Filter(name, parse, clause)


def part_flag(name: str, column: str) -> Filter:
    def holds(items: sa.Table) -> sa.ColumnElement[bool]:
        parts = table("part").alias()
        return items.c.part.in_(sa.select(parts.c.id).where(parts.c[column].is_(True)))

    return condition(name, "stockitem", holds)


def part_contains(name: str, column: str) -> Filter:
    def clause(value: Any) -> sa.ColumnElement[bool]:
        parts = table("part").alias()
        pattern = "%" + value + "%"
        return own().c.part.in_(sa.select(parts.c.id).where(parts.c[column].ilike(pattern)))

    return Filter(name, str, clause)


def compared(name: str, column: str, parse: Callable[[Any], Any], greater: bool) -> Filter:
    def clause(value: Any) -> sa.ColumnElement[bool]:
        target: sa.ColumnElement[Any] = own().c[column]
        found: sa.ColumnElement[bool] = target >= value if greater else target <= value
        return found

    return Filter(name, parse, clause)


def not_building(items: sa.FromClause) -> sa.ColumnElement[bool]:
    """The item is not a build output in production, read through coalesce() so that no index
    can serve it: without statistics SQLite's planner prefers the (is_building, id) index, which
    holds nearly every item, to the part's or the build's when those are an IN (...) list or
    another subquery, and then reads every item of the tenant for each row of a page (measured:
    14 s for 20 build lines over 100,000 items)."""
    return sa.func.coalesce(items.c.is_building, sa.false()).is_(sa.false())


def in_stock(items: sa.FromClause) -> sa.ColumnElement[bool]:
    """InvenTree's IN_STOCK_FILTER, with an available status (StockStatusGroups.AVAILABLE_CODES)."""
    return sa.and_(
        items.c.quantity > 0,
        items.c.belongs_to.is_(None),
        items.c.customer.is_(None),
        items.c.consumed_by.is_(None),
        items.c.sales_order.is_(None),
        not_building(items),
        one_of(items.c.status, AVAILABLE),
    )


def has_text(column: str) -> Holds:
    return lambda items: sa.and_(items.c[column].is_not(None), items.c[column] != "")


def has_rows_pointing(column: str) -> Holds:
    def holds(items: sa.Table) -> sa.ColumnElement[bool]:
        others = items.alias()
        return sa.exists(sa.select(others.c.id).where(others.c[column] == items.c.id))

    return holds


def supplied_by(name: str, through_manufacturer: bool, through_supplier: bool) -> Filter:
    def clause(value: Any) -> sa.ColumnElement[bool]:
        supplier_parts = table("supplierpart").alias()
        manufacturer_parts = table("manufacturerpart").alias()
        options = []
        if through_supplier:
            options.append(supplier_parts.c.supplier == value)
        if through_manufacturer:
            made = sa.select(manufacturer_parts.c.id).where(
                manufacturer_parts.c.manufacturer == value
            )
            options.append(supplier_parts.c.manufacturer_part.in_(made))
        matching = sa.select(supplier_parts.c.id).where(sa.or_(*options))
        return own().c.supplier_part.in_(matching)

    return Filter(name, parse_int, clause)


def external_location(items: sa.Table) -> sa.ColumnElement[bool]:
    places = table("stocklocation").alias()
    return items.c.location.in_(sa.select(places.c.id).where(places.c.external.is_(True)))


def unsupported(name: str) -> Filter:
    """A parameter InvenTree honours that storeroom does not yet: a 400 naming it."""

    def parse(raw: Any) -> Any:
        raise FieldError(f"Filtering stock by '{name}' is not supported by this server yet.")

    return Filter(name, parse, lambda value: sa.true())


def is_allocated(items: sa.Table) -> sa.ColumnElement[bool]:
    """Allocated to a build or a sales order (InvenTree's `allocated` filter)."""
    builds, sales = table("build_item").alias(), table("salesorderallocation").alias()
    return sa.or_(
        sa.exists(sa.select(builds.c.id).where(builds.c.stock_item == items.c.id)),
        sa.exists(sa.select(sales.c.id).where(sales.c.item == items.c.id)),
    )


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


def tag_pattern(raw: Any) -> str:
    """A LIKE pattern finding the tag, quoted, in the JSON text of a row's tags."""
    tag = str(raw).strip()
    if not tag or '"' in tag or "\\" in tag:
        raise FieldError("Enter a tag name.")
    escaped = tag.replace("%", "\\%").replace("_", "\\_")
    return f'%"{escaped}"%'


def tagged_filter() -> Filter:
    """`?tags__name=`: items tagged with that name."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        return sa.cast(own().c.tags, sa.Text).like(value, escape="\\")

    return Filter("tags__name", tag_pattern, clause)


def lowered(value: Any) -> Any:
    return sa.func.lower(value)


def batch_filter() -> Filter:
    """`batch` matches case-insensitively (InvenTree's iexact)."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        return sa.func.lower(own().c.batch) == sa.func.lower(value)

    return Filter("batch", str, clause)


STOCK_FILTERS: tuple[str | Filter, ...] = (
    in_tree("location", "location", "stocklocation", "parent"),
    cascade_filter(),
    in_tree("part", "part", "part", "variant_of"),
    in_tree("ancestor", "parent", "stockitem", "parent"),
    Filter(
        "category",
        parse_int,
        lambda value: own().c.part.in_(
            sa.select(table("part").c.id).where(
                table("part").c.category.in_(subtree("partcategory", "parent", value))
            )
        ),
    ),
    batch_filter(),
    condition("in_stock", "stockitem", in_stock),
    # Allocation tables belong to the orders and builds: until they are read here, an item in
    # stock counts as available (docs/api-behaviour.md, "Stock filters").
    condition("available", "stockitem", in_stock),
    condition("serialized", "stockitem", has_text("serial")),
    condition("has_batch", "stockitem", has_text("batch")),
    condition("depleted", "stockitem", lambda items: items.c.quantity <= 0),
    condition("installed", "stockitem", lambda items: items.c.belongs_to.is_not(None)),
    condition("sent_to_customer", "stockitem", lambda items: items.c.customer.is_not(None)),
    condition("has_purchase_price", "stockitem", lambda items: items.c.purchase_price.is_not(None)),
    condition("has_child_items", "stockitem", has_rows_pointing("parent")),
    condition("has_installed_items", "stockitem", has_rows_pointing("belongs_to")),
    condition(
        "expired",
        "stockitem",
        lambda items: sa.and_(
            items.c.expiry_date.is_not(None), items.c.expiry_date < sa.func.current_date()
        ),
    ),
    # InvenTree ignores `stale` while its STOCK_STALE_DAYS setting is 0, its default.
    Filter("stale", parse_bool, lambda value: sa.true()),
    condition("external", "stockitem", external_location),
    compared("expiry_date_gte", "expiry_date", parse_date, greater=True),
    compared("expiry_date_lte", "expiry_date", parse_date, greater=False),
    compared("updated_after", "updated", parse_moment, greater=True),
    compared("updated_before", "updated", parse_moment, greater=False),
    compared("min_stock", "quantity", parse_float, greater=True),
    compared("max_stock", "quantity", parse_float, greater=False),
    part_flag("active", "active"),
    part_flag("assembly", "assembly"),
    part_flag("salable", "salable"),
    part_flag("tracked", "trackable"),
    part_tree("name", "name", str, lowered),
    part_tree("IPN", "IPN", str, lowered),
    part_contains("name_contains", "name"),
    part_contains("IPN_contains", "IPN"),
    supplied_by("supplier", through_manufacturer=False, through_supplier=True),
    supplied_by("manufacturer", through_manufacturer=True, through_supplier=False),
    supplied_by("company", through_manufacturer=True, through_supplier=True),
    condition("allocated", "stockitem", is_allocated),
    part_tree_filter(),
    tagged_filter(),
    *(
        unsupported(name)
        for name in (
            "IPN_regex",
            "name_regex",
            "batch_regex",
            "serial_gte",
            "serial_lte",
            "bom_item",
            "tags__slug",
        )
    ),
)
