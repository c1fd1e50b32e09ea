"""Computed fields of orders that read other rows: the nested `*_detail` objects InvenTree's order
serializers always answer (a contact, an address, a project code, a line's destination), built
as JSON in SQL, and an order's `total_price` in its currency (InvenTree's
`calculate_total_price`)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from storeroom.models.expressions import Expression, table

# The fields of each nested object, as InvenTree's brief serializers give them (Contact,
# AddressBrief, ProjectCode, LocationBrief); a key names a column of the related row, or
# `company_name` the name of that row's company.
DETAIL_KEYS = {
    "contact": ("company", "company_name", "name", "phone", "email", "role"),
    "address": (
        "line1",
        "line2",
        "postal_code",
        "postal_city",
        "province",
        "country",
        "shipping_notes",
        "internal_shipping_notes",
    ),
    "projectcode": ("code", "description"),
    "stocklocation": ("name", "pathstring"),
}


class JsonObject(FunctionElement[Any]):
    """`json_object(k1, v1, ...)` on SQLite, `json_build_object(...)` on PostgreSQL: one JSON
    object from key and value pairs, decoded by the JSON type's result processing."""

    type = sa.JSON()
    inherit_cache = True
    name = "json_object"


@compiles(JsonObject)
def _json_object(element: JsonObject, compiler: SQLCompiler, **options: Any) -> str:
    return f"json_object({compiler.process(element.clauses, **options)})"


@compiles(JsonObject, "postgresql")
def _json_build_object(element: JsonObject, compiler: SQLCompiler, **options: Any) -> str:
    return f"json_build_object({compiler.process(element.clauses, **options)})"


def detail_of(column: str, model_type: str) -> Expression:
    """The row that `column` points at, as the nested object InvenTree answers for it (null
    when `column` is null)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        related = table(model_type).alias()
        pairs: list[Any] = [sa.literal_column("'pk'"), related.c.id]
        for key in DETAIL_KEYS[model_type]:
            pairs += [sa.literal_column(f"'{key}'"), value_of(related, key)]
        query = sa.select(JsonObject(*pairs)).where(related.c.id == owner.c[column])
        query = query.correlate_except(related)
        return sa.type_coerce(query.scalar_subquery(), sa.JSON())

    return expression


def value_of(related: sa.FromClause, key: str) -> sa.ColumnElement[Any]:
    if key != "company_name":
        return related.c[key]
    company = table("company").alias()
    query = sa.select(company.c.name).where(company.c.id == related.c.company)
    return query.correlate_except(company).scalar_subquery()


def rate_of(currency: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    """Units of `currency` per unit of the tenant's rates' base currency (1 for the base
    itself), null without a rate."""
    rates, base = table("currency_rate").alias(), table("currency_rate").alias()
    stored = sa.select(sa.cast(rates.c.rate, sa.Numeric)).where(rates.c.currency == currency)
    is_base = sa.select(sa.cast(sa.literal_column("1"), sa.Numeric)).where(
        base.c.base_currency == currency
    )
    # Correlated explicitly: `currency` may come from a row two selects up.
    return sa.func.coalesce(
        stored.correlate_except(rates).scalar_subquery(),
        is_base.limit(1).correlate_except(base).scalar_subquery(),
    )


def order_currency(owner: sa.Table, company: str) -> sa.ColumnElement[Any]:
    """The order's currency: its own, else its company's, else the rates' base currency (the
    default currency when rates were last fetched)."""
    companies, rates = table("company").alias(), table("currency_rate").alias()
    return sa.func.coalesce(
        sa.func.nullif(owner.c.order_currency, ""),
        sa.select(companies.c.currency)
        .where(companies.c.id == owner.c[company])
        .correlate_except(companies)
        .scalar_subquery(),
        sa.select(rates.c.base_currency).limit(1).correlate_except(rates).scalar_subquery(),
    )


def lines_total(
    owner: sa.Table, target: sa.ColumnElement[Any], model_type: str, price: str, quantity: str
) -> sa.ColumnElement[Any]:
    """The priced lines' price x quantity (a line without quantity counts once) in `target`;
    null when one of them cannot be converted."""
    line = table(model_type).alias()
    amount = line.c[price] * (line.c[quantity] if quantity else sa.literal_column("1"))
    source = line.c[f"{price}_currency"]
    converted = sa.case(
        (source == target, amount), else_=amount * rate_of(target) / rate_of(source)
    )
    # InvenTree skips a line without a price or priced 0 ("if not line.price").
    priced = sa.and_(line.c.order == owner.c.id, line.c[price].is_not(None), line.c[price] != 0)
    every_line_converted = sa.func.count() == sa.func.count(converted)
    total = sa.case((every_line_converted, sa.func.coalesce(sa.func.sum(converted), 0)))
    return sa.select(total).where(priced).correlate_except(line).scalar_subquery()


def total_price(company: str, model_type: str, price: str, quantity: str) -> Expression:
    """The order's lines and extra lines, each price x quantity converted to the order's
    currency, 4 decimal places; null when a rate is missing (InvenTree's MissingRate)."""

    def expression(owner: sa.Table) -> sa.ColumnElement[Any]:
        target = order_currency(owner, company)
        lines = lines_total(owner, target, model_type, price, quantity)
        extra_lines = lines_total(owner, target, f"{owner.name}extraline", "price", "quantity")
        return sa.cast(lines + extra_lines, sa.Numeric(15, 4))

    return expression
