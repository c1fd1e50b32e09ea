"""The query parameters of `/api/stock/` as InvenTree's StockFilter answers them (stock/api.py):
a location, part or category names its whole subtree (`cascade=false` only the location itself),
`=null` means none, yes/no conditions on the item, its serial number and tags, and conditions
through its location and supplier part (those through its part: models/stock_part_filters.py).
Every parameter InvenTree honours is served (tests/stock/test_declared_filters.py checks the 264
document's list), including the undeclared `part`, `location`, `cascade`, `exclude_tree` and
`exclude_so_allocation`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time
from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import FieldError, parse_bool, parse_date, parse_float, parse_int
from storeroom.api.resource import Filter
from storeroom.models.expressions import one_of, table, total_of
from storeroom.models.filters import condition
from storeroom.models.regex_filters import matching, parse_pattern

Holds = Callable[[sa.Table], sa.ColumnElement[bool]]
# StockStatusGroups.AVAILABLE_CODES (stock/codes.py names them for the ledger).
AVAILABLE = (10, 50, 55)
DIGITS = "0123456789"
# InvenTree clips serial_int to what its IntegerField holds.
LARGEST_SERIAL = 0x7FFFFFFF


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


def subtree_switch(name: str, column: str) -> Filter:
    """`?name=false` narrows the `column` filter's subtree to its root (`cascade=false`: the
    location itself; `include_variants=false`: the part itself); ignored without that filter. It
    reads the other filter's bound value, null when not given."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        if value:
            return sa.true()
        given = sa.bindparam(f"filter_{column}", value=None, type_=sa.Integer)
        return sa.or_(given.is_(None), own().c[column] == given)

    return Filter(name, parse_bool, clause)


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


def allocated(owner: sa.Table) -> sa.ColumnElement[Any]:
    """What builds and sales orders have allocated of the item (InvenTree's allocation_count)."""
    to_builds = total_of("build_item", "stock_item", "quantity")(owner)
    to_sales = total_of("salesorderallocation", "item", "quantity")(owner)
    return to_builds + to_sales


def available(value: Any) -> sa.ColumnElement[bool]:
    """`available=true`: in stock with more than is allocated; `false`: no more than is
    allocated, in stock or not (InvenTree's filter_available: not the negation of `true`)."""
    items = own()
    if value:
        return sa.and_(in_stock(items), items.c.quantity > allocated(items))
    return items.c.quantity <= allocated(items)


def is_allocated(items: sa.Table) -> sa.ColumnElement[bool]:
    """Allocated to a build or a sales order (InvenTree's `allocated` filter)."""
    builds, sales = table("build_item").alias(), table("salesorderallocation").alias()
    return sa.or_(
        sa.exists(sa.select(builds.c.id).where(builds.c.stock_item == items.c.id)),
        sa.exists(sa.select(sales.c.id).where(sales.c.item == items.c.id)),
    )


def tag_pattern(raw: Any) -> str:
    """A LIKE pattern finding the tag, quoted, in the JSON text of a row's tags."""
    tag = str(raw).strip()
    if not tag or '"' in tag or "\\" in tag:
        raise FieldError("Enter a tag name.")
    escaped = tag.replace("%", "\\%").replace("_", "\\_")
    return f'%"{escaped}"%'


def slug_pattern(raw: Any) -> str:
    """A tag's slug as storeroom makes it: lower case, spaces as dashes (taggit's slugify also
    drops punctuation)."""
    return tag_pattern(raw).lower().replace(" ", "-")


def tagged_filter(name: str, slugged: bool) -> Filter:
    """`?tags__name=`: items tagged with that name; `?tags__slug=`: with a tag of that slug."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        tags: sa.ColumnElement[Any] = sa.cast(own().c.tags, sa.Text)
        if slugged:
            tags = sa.func.replace(sa.func.lower(tags), " ", "-")
        return tags.like(value, escape="\\")

    return Filter(name, slug_pattern if slugged else tag_pattern, clause)


def serial_number(items: sa.FromClause) -> sa.ColumnElement[Any]:
    """InvenTree's `serial_int`: the serial's leading digits, else its trailing digits, as a
    number up to 2**31 - 1; 0 without either (or without a serial). Built from trim() and
    substr(), which both databases have, so that no column has to be kept in step with every
    writer of a serial."""
    serial = sa.func.trim(sa.func.coalesce(items.c.serial, ""))
    rest = sa.func.ltrim(serial, DIGITS)
    leading = sa.func.substr(serial, 1, sa.func.length(serial) - sa.func.length(rest))
    trailing = sa.func.substr(serial, sa.func.length(sa.func.rtrim(serial, DIGITS)) + 1)
    digits = sa.func.ltrim(sa.case((leading != "", leading), else_=trailing), "0")
    return sa.case(
        (digits == "", 0),
        (sa.func.length(digits) > len(str(LARGEST_SERIAL)), LARGEST_SERIAL),
        (sa.cast(digits, sa.BigInteger) > LARGEST_SERIAL, LARGEST_SERIAL),
        else_=sa.cast(digits, sa.BigInteger),
    )


def serial_compared(name: str, greater: bool) -> Filter:
    def clause(value: Any) -> sa.ColumnElement[bool]:
        number = serial_number(own())
        found: sa.ColumnElement[bool] = number >= value if greater else number <= value
        return found

    return Filter(name, parse_float, clause)


def is_tracked(items: sa.Table) -> sa.ColumnElement[bool]:
    """It has a serial number or a batch code (InvenTree's `tracked`)."""
    return sa.or_(has_text("serial")(items), has_text("batch")(items))


def outside_item_tree(value: Any) -> sa.ColumnElement[bool]:
    """`?exclude_tree=pk`: leaves out that item and every item split from it, at any depth."""
    return own().c.id.not_in(subtree("stockitem", "parent", value))


def not_allocated_to_order(value: Any) -> sa.ColumnElement[bool]:
    """`?exclude_so_allocation=pk`: leaves out the items allocated to a line of that sales
    order."""
    allocations, lines = table("salesorderallocation").alias(), table("salesorderlineitem").alias()
    of_order = sa.select(lines.c.id).where(lines.c.order == value)
    allocated = sa.select(allocations.c.item).where(allocations.c.line.in_(of_order))
    return own().c.id.not_in(allocated)


def batch_regex_filter() -> Filter:
    return Filter("batch_regex", parse_pattern, lambda value: matching(own().c.batch, value))


def batch_filter() -> Filter:
    """`batch` matches case-insensitively (InvenTree's iexact)."""

    def clause(value: Any) -> sa.ColumnElement[bool]:
        return sa.func.lower(own().c.batch) == sa.func.lower(value)

    return Filter("batch", str, clause)


STOCK_FILTERS: tuple[str | Filter, ...] = (
    in_tree("location", "location", "stocklocation", "parent"),
    subtree_switch("cascade", "location"),
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
    batch_regex_filter(),
    condition("in_stock", "stockitem", in_stock),
    Filter("available", parse_bool, available),
    condition("serialized", "stockitem", has_text("serial")),
    condition("has_batch", "stockitem", has_text("batch")),
    condition("tracked", "stockitem", is_tracked),
    serial_compared("serial_gte", greater=True),
    serial_compared("serial_lte", greater=False),
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
    supplied_by("supplier", through_manufacturer=False, through_supplier=True),
    supplied_by("manufacturer", through_manufacturer=True, through_supplier=False),
    supplied_by("company", through_manufacturer=True, through_supplier=True),
    condition("allocated", "stockitem", is_allocated),
    tagged_filter("tags__name", slugged=False),
    tagged_filter("tags__slug", slugged=True),
    Filter("exclude_tree", parse_int, outside_item_tree),
    Filter("exclude_so_allocation", parse_int, not_allocated_to_order),
)
