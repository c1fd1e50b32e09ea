"""Stars (InvenTree's PartStar and PartCategoryStar subscriptions): which user follows which part
or category. Users live in the platform database, so `user` is a plain pk column."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.resource import Filter
from storeroom.db.metadata import TENANT_SCHEMA, tenant_metadata


def star_table(name: str, target: str) -> sa.Table:
    return sa.Table(
        name,
        tenant_metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            target,
            sa.Integer,
            sa.ForeignKey(f"{TENANT_SCHEMA}.{target}.id", ondelete="CASCADE"),
            nullable=False,
            # A deleted part's or category's stars are found by this index.
            index=True,
        ),
        sa.Column("user", sa.Integer, nullable=False),
        # One star per user and object; the index also serves "what does this user star".
        sa.UniqueConstraint("user", target, name=f"uq_{name}_user_{target}"),
    )


PART_STAR = star_table("partstar", "part")
CATEGORY_STAR = star_table("partcategorystar", "partcategory")
STARS = {"part": PART_STAR, "partcategory": CATEGORY_STAR}


def starred_by(model_type: str, owner: sa.Table, user: Any) -> sa.ColumnElement[bool]:
    """The rows of `owner` that `user` (a bound value) has starred."""
    star = STARS[model_type]
    return owner.c.id.in_(sa.select(star.c[model_type]).where(star.c.user == user))


def star_filters(model_type: str, owner: sa.Table) -> tuple[Filter, Filter]:
    """`starred_by` and `not_starred_by`: the caller's `?starred=` with the caller's user bound
    (parts/stars.py puts them in place of `starred`, whose value is only true or false)."""
    return (
        Filter("starred_by", int, lambda user: starred_by(model_type, owner, user)),
        Filter("not_starred_by", int, lambda user: ~starred_by(model_type, owner, user)),
    )
