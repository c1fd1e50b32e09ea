"""Build creation with `create_child_builds` (InvenTree's BuildSerializer.create and its
build.tasks.create_child_builds): a sub-build for each BOM line of the assembly whose component
is itself an assembly, for the BOM quantity times the build's, and so on down the BOM.

Each sub-build is created as any build is (next reference, lines from its BOM) and carries the
parent's title, batch, target date, sales order, issuer and responsible owner. InvenTree makes
them in a background task; storeroom makes them before answering, so the client that asked sees
them at once. A BOM that loops stops at MAX_LEVEL builds deep, as the build tree's level does.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api import crud
from storeroom.api.context import ApiContext
from storeroom.api.fields import FieldError, parse_bool
from storeroom.db.tenant_db import TenantDb
from storeroom.errors import Invalid
from storeroom.models.build import BUILD, MAX_LEVEL
from storeroom.models.build_line import assembly_and_templates
from storeroom.models.expressions import table

# The parent's values each sub-build takes (InvenTree's create_child_builds).
INHERITED = ("title", "batch", "target_date", "sales_order", "issued_by", "responsible")


def take_flag(body: dict[str, Any]) -> bool:
    """`create_child_builds` from a create body (removed from it); a 400 when not a boolean."""
    raw = body.pop("create_child_builds", None)
    if raw is None:
        return False
    try:
        return parse_bool(raw)
    except FieldError as error:
        raise Invalid.field("create_child_builds", str(error)) from None


async def assembly_lines(tenant: TenantDb, build: dict[str, Any]) -> list[tuple[int, float]]:
    """(component, quantity) for each BOM line of the build's part, its templates' inherited
    lines included, whose component is an assembly."""
    bom, part = table("bomitem"), table("part")
    async with tenant.transaction() as connection:
        parts = await assembly_and_templates(connection, build["part"])
        own = bom.c.part == build["part"]
        inherited = sa.and_(bom.c.part.in_(parts[1:]), bom.c.inherited.is_(True))
        query = (
            sa.select(bom.c.sub_part, bom.c.quantity)
            .join(part, part.c.id == bom.c.sub_part)
            .where(sa.or_(own, inherited), part.c.assembly.is_(True))
            .order_by(bom.c.id)
        )
        return [(row.sub_part, row.quantity) for row in await connection.execute(query)]


async def create_children(
    context: ApiContext, tenant: TenantDb, build: dict[str, Any], depth: int = 1
) -> None:
    if depth > MAX_LEVEL:
        return
    for component, per_unit in await assembly_lines(tenant, build):
        values = {name: build.get(name) for name in INHERITED if name in build}
        # At least one, as a build's quantity must be (a fraction per unit could give less).
        quantity = max(1.0, per_unit * float(build["quantity"]))
        values.update(part=component, quantity=quantity, parent=build["pk"])
        child = await crud.create(context, tenant, BUILD, values)
        await create_children(context, tenant, child, depth + 1)
