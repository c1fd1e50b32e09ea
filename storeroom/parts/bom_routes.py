"""BOM routes: `/api/bom/{id}/validate/` (one line), `/api/part/{id}/bom-validate/` (the whole
BOM and its checksum) and `/api/part/{id}/bom-copy/`."""

from __future__ import annotations

from litestar import Response, get, patch, put
from litestar.handlers import HTTPRouteHandler

from storeroom.api.action_bodies import read_struct
from storeroom.api.actions import action
from storeroom.api.context import Context
from storeroom.api.openapi_structs import OperationSchema
from storeroom.auth.permissions import requires
from storeroom.models.part import PART
from storeroom.parts import bom
from storeroom.parts.schemas import BomItemValidation, BOMValidate, BOMValidateIn, PartCopyBOM

CHANGE = requires("change", PART.access)


def line_validation(partial: bool) -> HTTPRouteHandler:
    async def validate_line(context: Context) -> Response[bytes]:
        body = read_struct(BomItemValidation, await context.body())
        async with context.tenant.transaction() as connection:
            await bom.validate_line(connection, int(context.path_param("id")), body.valid)
        return context.render({"valid": body.valid})

    method, verb = (patch, "partial_update") if partial else (put, "update")
    return method(
        "/bom/{id:int}/validate/",
        name=f"bom-validate-{verb}",
        operation_id=f"bom_validate_{verb}",
        opt={
            **CHANGE,
            "schema": OperationSchema(
                response=BomItemValidation, request=BomItemValidation, partial=partial
            ),
        },
    )(validate_line)


@get(
    "/part/{id:int}/bom-validate/",
    name="part-bom-validate-retrieve",
    operation_id="part_bom_validate_retrieve",
    opt={**requires("view", PART.access), "schema": OperationSchema(response=BOMValidate)},
)
async def read_bom_checksum(context: Context) -> Response[bytes]:
    """The BOM's checksum."""
    pk = int(context.path_param("id"))
    async with context.tenant.transaction() as connection:
        await bom.require_part(connection, pk)
        found = await bom.checksum(connection, pk)
    return context.render({"checksum": found})


def bom_validation(partial: bool) -> HTTPRouteHandler:
    async def validate_bom(context: Context) -> Response[bytes]:
        body = read_struct(BOMValidateIn, await context.body())
        async with context.tenant.transaction() as connection:
            found = await bom.validate_bom(connection, int(context.path_param("id")), body.valid)
        return context.render({"checksum": found})

    method, verb = (patch, "partial_update") if partial else (put, "update")
    return method(
        "/part/{id:int}/bom-validate/",
        name=f"part-bom-validate-{verb}",
        operation_id=f"part_bom_validate_{verb}",
        opt={
            **CHANGE,
            "schema": OperationSchema(response=BOMValidate, request=BOMValidateIn, partial=partial),
        },
    )(validate_bom)


COPY_BOM = action(
    PART,
    "bom-copy",
    body=PartCopyBOM,
    response=PartCopyBOM,
    permission=("part", "change"),
    run=bom.copy_bom,
    description="API endpoint for duplicating a BOM.",
)

BOM_ROUTES = [
    line_validation(partial=False),
    line_validation(partial=True),
    read_bom_checksum,
    bom_validation(partial=False),
    bom_validation(partial=True),
    COPY_BOM.route,
]
