"""`/api/part/thumbs/`: the images parts use, each with how many parts use it (most used
first), narrowed by a search of the parts that use them."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.models.expressions import table

SEARCHED = ("name", "description", "IPN", "revision", "keywords")


def escaped(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_condition(search: str) -> sa.ColumnElement[bool]:
    """DRF's SearchFilter: every word matches one of the fields (or the category's name)."""
    part, category = table("part"), table("partcategory")
    category_name = (
        sa.select(category.c.name).where(category.c.id == part.c.category).scalar_subquery()
    )
    columns = [*(part.c[name] for name in SEARCHED), category_name]
    return sa.and_(
        *(
            sa.or_(*(column.ilike(f"%{escaped(word)}%", escape="\\") for column in columns))
            for word in search.split()
        )
    )


async def thumbnails(connection: AsyncConnection, search: str) -> list[dict[str, Any]]:
    part = table("part")
    used = sa.func.count(part.c.id).label("count")
    query = (
        sa.select(part.c.image, used)
        .where(sa.func.coalesce(part.c.image, "") != "")
        .group_by(part.c.image)
        .order_by(used.desc(), part.c.image)
    )
    if search.strip():
        query = query.where(search_condition(search))
    rows = await connection.execute(query)
    return [{"image": image, "count": int(count)} for image, count in rows]
