"""Build orders (`/api/build/`): making a quantity of an assembly from its components."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from storeroom.api.fields import Field, parse_int
from storeroom.api.resource import OPERATIONS, Filter
from storeroom.errors import Invalid
from storeroom.models.build_line import write_lines
from storeroom.models.clock import today
from storeroom.models.declare import model
from storeroom.models.defaults import one
from storeroom.models.expressions import overdue, related_value, table
from storeroom.models.filters import is_set, status_in
from storeroom.models.order_owners import RESPONSIBLE, owner_filters, responsible_fields
from storeroom.models.references import generated_reference, reference_check
from storeroom.models.status_fields import status_fields, status_filter
from storeroom.models.stock_filters import not_building

# BuildStatusGroups.ACTIVE_CODES: pending, production, on hold.
ACTIVE = (10, 20, 25)
MAX_LEVEL = 100


def completed_quantity(owner: sa.Table) -> sa.ColumnElement[Any]:
    """The quantity of finished outputs: stock items made by the build and no longer building."""
    stock = table("stockitem").alias()
    total = sa.func.coalesce(sa.func.sum(stock.c.quantity), 0)
    return (
        sa.select(sa.cast(total, sa.Integer))
        .where(stock.c.build == owner.c.id, not_building(stock))
        .scalar_subquery()
    )


def tree_level(owner: sa.Table) -> sa.ColumnElement[Any]:
    """How many builds are above this one (InvenTree's tree `level`: 0 for a top build)."""
    start = table("build").alias()
    anchor = sa.select(start.c.id, start.c.parent, sa.literal(0).label("depth"))
    # Nested: the WITH stays inside the subquery, where it can read the outer row.
    above = (
        anchor.where(start.c.id == owner.c.id).correlate(owner).cte(recursive=True, nesting=True)
    )
    step = table("build").alias()
    above = above.union_all(
        sa.select(step.c.id, step.c.parent, above.c.depth + 1).where(
            step.c.id == above.c.parent,
            # A parent loop (a build made its own ancestor) stops here instead of recursing on.
            above.c.depth < MAX_LEVEL,
        )
    )
    return sa.select(sa.func.max(above.c.depth)).scalar_subquery()


def descendants_of(value: Any) -> sa.ColumnElement[bool]:
    """`?ancestor=N`: the builds below build N at any depth (not N itself)."""
    build = table("build")
    below = sa.select(build.c.id).where(build.c.parent == value).cte(recursive=True)
    child = table("build").alias()
    below = below.union_all(sa.select(child.c.id).where(child.c.parent == below.c.id))
    return build.c.id.in_(sa.select(below.c.id))


check_reference = reference_check("build")


# MPTT's refusal of such a move, as a field error.
LOOP = "A build order cannot be a child of itself or of its own sub-builds."


async def ancestors_and_self(connection: Any, build_id: int) -> set[int]:
    build, found, current = table("build"), set[int](), build_id
    while current is not None and current not in found and len(found) <= MAX_LEVEL:
        found.add(current)
        query = sa.select(build.c.parent).where(build.c.id == current)
        current = (await connection.execute(query)).scalar_one_or_none()
    return found


async def check_build(connection: Any, values: dict[str, Any], pk: int | None) -> None:
    """The reference's pattern, a quantity of at least 1 (InvenTree's Build.quantity has
    MinValueValidator(1)) and a parent that is not the build or below it."""
    errors: dict[str, list[str]] = {}
    quantity = values.get("quantity")
    if quantity is not None and quantity < 1:
        errors["quantity"] = ["Ensure this value is greater than or equal to 1."]
    parent = values.get("parent")
    if pk is not None and parent is not None and pk in await ancestors_and_self(connection, parent):
        errors["parent"] = [LOOP]
    try:
        await check_reference(connection, values, pk)
    except Invalid as error:
        errors.update(error.fields)
    if errors:
        raise Invalid(errors)


BUILD = model(
    "build",
    "/api/build/",
    app_label="build",
    verbose_name="Build Order",
    ruleset="build",
    fields=(
        Field("title", "str", max_length=100, default=""),
        Field("batch", "str", nullable=True, max_length=100),
        Field("creation_date", "date", read_only=True, default=today),
        Field("completed", "int", read_only=True, stored=False, expression=completed_quantity),
        Field("completion_date", "date", nullable=True),
        # Deleting a location, sales order or project code clears it here (InvenTree's SET_NULL).
        Field("destination", "fk", nullable=True, relation="stocklocation", on_delete="set_null"),
        # Deleting a build leaves its child builds without a parent (InvenTree's SET_NULL).
        Field("parent", "fk", nullable=True, relation="build", on_delete="set_null"),
        Field("level", "int", read_only=True, stored=False, expression=tree_level),
        # A part's builds go with it (InvenTree's CASCADE).
        Field("part", "fk", required=True, relation="part", on_delete="cascade"),
        Field(
            "part_name",
            "str",
            read_only=True,
            stored=False,
            expression=related_value("name", ("part", "part")),
        ),
        Field("project_code", "fk", nullable=True, relation="projectcode", on_delete="set_null"),
        Field(
            "project_code_label",
            "str",
            read_only=True,
            nullable=True,  # when the relation is empty
            stored=False,
            expression=related_value("code", ("project_code", "projectcode")),
        ),
        Field("overdue", "bool", read_only=True, stored=False, expression=overdue(ACTIVE)),
        # A create without it gets the next one of the pattern (models/references.py).
        Field("reference", "str", required=True, max_length=64),
        Field("sales_order", "fk", nullable=True, relation="salesorder", on_delete="set_null"),
        Field("quantity", "float", required=True),
        # Changed by the build workflow (issue, hold, complete, cancel), never written directly.
        *status_fields("BuildStatus", writable=False),
        Field("target_date", "date", nullable=True),
        Field("take_from", "fk", nullable=True, relation="stocklocation", on_delete="set_null"),
        Field("link", "str", max_length=200, default=""),
        Field("priority", "int", default=0),
        # The user who issued the build (a platform user's id: users are not tenant rows).
        Field("issued_by", "int", read_only=True, nullable=True, added_in="c0ffee000010"),
        # On create only: sub-builds for the BOM's assemblies (builds/children.py).
        Field("create_child_builds", "bool", write_only=True, stored=False, default=False),
        # The owner responsible for the build: a user or group of the tenant (order_owners.py).
        *responsible_fields("c0ffee000016"),
    ),
    unique=(("reference",),),
    filters=(
        "part",
        "parent",
        "sales_order",
        "project_code",
        "reference",
        status_filter("build", "BuildStatus"),
        "overdue",
        status_in("active", "build", ACTIVE),
        is_set("has_project_code", "build", "project_code"),
        "issued_by",
        Filter("ancestor", parse_int, descendants_of),
        *owner_filters("build"),
    ),
    ordering=(
        "reference",
        "part",
        "part_name",
        "title",
        "status",
        "creation_date",
        "target_date",
        "completion_date",
        "quantity",
        "completed",
        "priority",
        "project_code",
    ),
    default_ordering=("reference",),
    search=("reference", "title", "batch", "part_name"),
    # Deleted by builds/routes.py: only a cancelled build may be (InvenTree's BuildDetail).
    operations=OPERATIONS - {"delete", "bulk_delete"},
    # Created (with create_child_builds), listed and read (with their nested objects,
    # models/build_expansions.py) by builds/detail_routes.py.
    served_by_capability=frozenset({"create", "list", "detail"}),
    create_defaults={"reference": generated_reference("build"), "quantity": one},
    platform_references=(RESPONSIBLE,),
    check_write=check_build,
    # A new build's lines come from its assembly's BOM; a changed quantity rescales them.
    after_write=write_lines,
)

RESOURCES = (BUILD,)
