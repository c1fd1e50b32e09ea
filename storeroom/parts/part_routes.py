"""Part views beyond CRUD: requirements, serial numbers, change_category and the category
tree (`/api/part/category/tree/`, a list of the categories' tree fields)."""

from __future__ import annotations

from dataclasses import replace

from litestar import Response, get
from litestar.handlers import HTTPRouteHandler

from storeroom.api.actions import action
from storeroom.api.context import Context
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.routes import list_route
from storeroom.auth.permissions import requires
from storeroom.models.part import PART, PART_CATEGORY
from storeroom.parts import requirements, scheduling
from storeroom.parts.schemas import (
    PartRequirements,
    PartScheduling,
    PartSerialNumbers,
    PartSetCategory,
)

VIEW = requires("view", PART.access)


@get(
    "/part/{id:int}/requirements/",
    name="part-requirements-retrieve",
    operation_id="part_requirements_retrieve",
    opt={**VIEW, "schema": OperationSchema(response=PartRequirements)},
)
async def read_requirements(context: Context) -> Response[bytes]:
    """The part's stock, what open orders and builds need of it, and what it can build."""
    async with context.tenant.transaction() as connection:
        answer = await requirements.requirements(connection, int(context.path_param("id")))
    return context.render(answer)


@get(
    "/part/{id:int}/serial-numbers/",
    name="part-serial-numbers-retrieve",
    operation_id="part_serial_numbers_retrieve",
    opt={**VIEW, "schema": OperationSchema(response=PartSerialNumbers)},
)
async def read_serial_numbers(context: Context) -> Response[bytes]:
    """The part's latest serial number and the next one."""
    async with context.tenant.transaction() as connection:
        answer = await requirements.serial_numbers(connection, int(context.path_param("id")))
    return context.render(answer)


@get(
    "/part/{id:int}/scheduling/",
    name="part-scheduling-retrieve",
    operation_id="part_scheduling_retrieve",
    opt={**VIEW, "schema": OperationSchema(response=list[PartScheduling])},
)
async def read_scheduling(context: Context) -> Response[bytes]:
    """The part's scheduled stock movements: a list of entries, oldest first."""
    async with context.tenant.transaction() as connection:
        answer = await scheduling.scheduling(connection, int(context.path_param("id")))
    return context.render(answer)


CHANGE_CATEGORY = action(
    PART,
    "change_category",
    body=PartSetCategory,
    response=PartSetCategory,
    permission=("part", "change"),
    on_list=True,
    run=requirements.change_category,
    description="API endpoint to set the category of multiple parts.",
)

TREE_FIELDS = ("pk", "name", "parent", "icon", "structural", "subcategories")
CATEGORY_TREE = replace(
    PART_CATEGORY,
    path="/api/part/category/tree/",
    model_type="partcategorytree",
    name="category_tree",
    # The tree is read in path order; the path itself is not answered.
    fields=(
        *(spec for spec in PART_CATEGORY.fields if spec.name in TREE_FIELDS),
        replace(PART_CATEGORY.field("pathstring"), write_only=True),
    ),
    filters=(),
    search=(),
    ordering=("level", "name", "subcategories"),
    operations=frozenset({"list"}),
)


def category_tree_route() -> HTTPRouteHandler:
    return list_route(CATEGORY_TREE)


PART_ROUTES = [
    read_requirements,
    read_serial_numbers,
    read_scheduling,
    CHANGE_CATEGORY.route,
    category_tree_route(),
]
