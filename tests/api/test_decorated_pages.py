"""A list page's computed fields are read once each, names of related rows by join
(api/decorate.py), and answer exactly what the plain read of the same row answers."""

from __future__ import annotations

import re

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from storeroom.api.decorate import to_one
from storeroom.api.query import ListQuery, StatementCache
from storeroom.api.resource import Resource
from storeroom.models.part import PART
from storeroom.models.registry import MODELS
from storeroom.models.stock import STOCK_ITEM
from tests.conftest import Client
from tests.models.conftest import admin, clients  # noqa: F401 (fixtures)
from tests.models.make import make
from tests.states.conftest import make_item, make_state

DIALECTS = [sqlite.dialect(), postgresql.asyncpg.dialect()]
PAGE = ListQuery(ordering=("pk",), limit=25, offset=0)


def page_sql(resource: Resource, dialect: object) -> str:
    return StatementCache(resource, dialect).page(PAGE).sql  # type: ignore[arg-type]


def decorated(resource: Resource) -> bool:
    return StatementCache(resource, sqlite.dialect()).decorates


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda dialect: dialect.name)
def test_a_parts_own_stock_total_is_read_once_per_row(dialect: object) -> None:
    # in_stock, total_in_stock and unallocated_stock all add up the part's own stock.
    # (external_stock adds a condition on the location: another subquery.)
    own_stock = r"stockitem_\d+\.part = __\[SCHEMA_tenant\]\.part\.id AND .{0,300}?\(10, 50, 55\)\)"
    assert len(re.findall(own_stock, page_sql(PART, dialect))) == 1
    detail = StatementCache(PART, dialect).detail().sql  # type: ignore[arg-type]
    assert len(re.findall(own_stock, detail)) == 3


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda dialect: dialect.name)
def test_names_of_related_rows_are_joined_not_looked_up_per_row(dialect: object) -> None:
    part = page_sql(PART, dialect)
    assert "LEFT OUTER JOIN __[SCHEMA_tenant].partcategory AS" in part
    assert "(SELECT __[SCHEMA_tenant].partcategory.name" not in part
    stock = page_sql(STOCK_ITEM, dialect)
    assert "LEFT OUTER JOIN __[SCHEMA_tenant].stocklocation AS" in stock
    assert "LEFT OUTER JOIN __[SCHEMA_tenant].supplierpart AS" in stock


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda dialect: dialect.name)
def test_a_page_of_plain_columns_is_read_without_decoration(dialect: object) -> None:
    plain = next(resource for resource in MODELS if not decorated(resource))
    sql = page_sql(plain, dialect)
    assert "decorated" not in sql
    assert "JOIN" not in sql


CREATABLE_DECORATED = [
    resource for resource in MODELS if "create" in resource.operations and decorated(resource)
]


@pytest.mark.parametrize("resource", CREATABLE_DECORATED, ids=lambda r: r.model_type)
async def test_a_listed_object_equals_its_detail(
    admin: httpx.AsyncClient,  # noqa: F811 (fixture)
    resource: Resource,
) -> None:
    made = [(await make(admin, resource))["pk"] for _ in range(2)]
    listed = (await admin.get(f"{resource.path}?limit=25&ordering=-pk")).json()["results"]
    by_pk = {item["pk"]: item for item in listed}
    for pk in made:
        detail = (await admin.get(f"{resource.path}{pk}/")).json()
        assert by_pk[pk] == detail
    unpaged = (await admin.get(resource.path, params={"ordering": "-pk"})).json()
    assert [item for item in unpaged if item["pk"] in made] == [by_pk[pk] for pk in made[::-1]]


async def test_a_related_name_is_null_without_the_relation(client: Client) -> None:
    category = (await client.post("/api/part/category/", json={"name": "Springs"})).json()
    filed = (await client.post("/api/part/", json={"name": "A", "category": category["pk"]})).json()
    loose = (await client.post("/api/part/", json={"name": "B"})).json()
    page = (await client.get("/api/part/?limit=10&ordering=name")).json()["results"]
    names = {item["pk"]: item["category_name"] for item in page}
    assert names == {filed["pk"]: "Springs", loose["pk"]: None}


async def test_a_custom_status_label_is_listed_and_a_plain_one_is_not_looked_up(
    client: Client,
) -> None:
    await make_state(client, key=110, name="INSPECTED", label="OK, inspected", logical_key=10)
    custom = await make_item(client, status=110)
    plain = await make_item(client)
    page = (await client.get("/api/stock/?limit=10")).json()["results"]
    texts = {item["pk"]: item["status_text"] for item in page}
    assert texts == {custom["pk"]: "OK, inspected", plain["pk"]: "OK"}


def lookups() -> tuple[sa.Table, sa.Table]:
    metadata = sa.MetaData()
    owner = sa.Table(
        "owner",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.Integer),
    )
    kind = sa.Table(
        "kind",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text),
        sa.Column("parent", sa.Integer),
    )
    return owner, kind


def test_a_lookup_by_primary_key_is_a_to_one_path() -> None:
    owner, kind = lookups()
    direct = sa.select(kind.c.name).where(kind.c.id == owner.c.kind).scalar_subquery()
    assert to_one(direct, owner) == ((("kind", "kind"),), "name")
    child, parent = kind.alias(), kind.alias()
    hops = (
        sa.select(parent.c.name)
        .join(child, child.c.parent == parent.c.id)
        .where(child.c.id == owner.c.kind)
        .scalar_subquery()
    )
    assert to_one(hops, owner) == ((("kind", "kind"), ("parent", "kind")), "name")


def test_a_filtered_counted_or_limited_lookup_is_not_a_join() -> None:
    owner, kind = lookups()
    by_key = kind.c.id == owner.c.kind
    assert (
        to_one(sa.select(kind.c.name).where(by_key, kind.c.name != "").scalar_subquery(), owner)
        is None
    )
    assert to_one(sa.select(sa.func.count()).where(by_key).scalar_subquery(), owner) is None
    assert to_one(sa.select(kind.c.name).where(by_key).limit(1).scalar_subquery(), owner) is None
    # Rows pointing at the owner are many, not one.
    many = sa.select(kind.c.name).where(kind.c.parent == owner.c.id).scalar_subquery()
    assert to_one(many, owner) is None
    # A table off the path to the value would drop the row when missing: not a join.
    other = kind.alias()
    branch = (
        sa.select(kind.c.name)
        .join(other, other.c.id == kind.c.parent)
        .where(by_key)
        .scalar_subquery()
    )
    assert to_one(branch, owner) is None
