"""`/api/part/{id}/pricing/`: a part's pricing (GET), its overrides and recalculation (PUT,
PATCH; the parts above it are recalculated by a background job, parts/pricing_jobs.py)."""

from __future__ import annotations

from typing import Any

from litestar import Response, get, patch, put
from litestar.handlers import HTTPRouteHandler

from storeroom.api.context import Context
from storeroom.api.fields import FieldError, parse_bool, parse_decimal
from storeroom.api.openapi_structs import OperationSchema
from storeroom.auth.permissions import requires
from storeroom.background.state import queue_of
from storeroom.errors import Invalid
from storeroom.models.part import PART
from storeroom.models.status_classes import CURRENCIES
from storeroom.parts import pricing, pricing_jobs
from storeroom.parts.schemas import PartPricing, PartPricingIn


def parse_overrides(body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The override columns a body sets, and whether it asks for a recalculation."""
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name in ("override_min", "override_max"):
        if name in body:
            try:
                values[name] = None if body[name] in (None, "") else parse_decimal(body[name])
            except FieldError as error:
                errors[name] = [str(error)]
        currency = f"{name}_currency"
        if currency in body:
            if body[currency] in CURRENCIES:
                values[currency] = body[currency]
            else:
                errors[currency] = [f'"{body[currency]}" is not a valid choice.']
    update = False
    if body.get("update") is not None:
        try:
            update = parse_bool(body["update"])
        except FieldError as error:
            errors["update"] = [str(error)]
    if errors:
        raise Invalid(errors)
    return values, update


@get(
    "/part/{id:int}/pricing/",
    name="part-pricing-retrieve",
    operation_id="part_pricing_retrieve",
    opt={**requires("view", PART.access), "schema": OperationSchema(response=PartPricing)},
)
async def read_pricing(context: Context) -> Response[bytes]:
    """The part's pricing from every source, in the base currency."""
    pk = int(context.path_param("id"))
    async with context.tenant.transaction() as connection:
        answer = await pricing.pricing(connection, context.settings, pk)
    return context.render(answer)


def pricing_update(partial: bool) -> HTTPRouteHandler:
    async def update_pricing(context: Context) -> Response[bytes]:
        values, _update = parse_overrides(await context.body())
        pk, tenant = int(context.path_param("id")), context.tenant
        async with tenant.transaction() as connection:
            await pricing.pricing(connection, context.settings, pk)
            await pricing.write_overrides(connection, pk, values)
            # Overrides change the overall range at once: the part is recalculated either way.
            answer = await pricing.recalculate(connection, context.settings, pk)
        context.api.counts.invalidate(tenant.account, PART.table.name)
        # The assemblies and templates whose pricing reads this part's follow in the background
        # (InvenTree's update_pricing schedules its assemblies' updates).
        await queue_of(context).submit(
            pricing_jobs.RECALCULATE, {"account": tenant.account, "parts": [pk]}
        )
        return context.render(answer)

    method, verb = (patch, "partial_update") if partial else (put, "update")
    return method(
        "/part/{id:int}/pricing/",
        name=f"part-pricing-{verb}",
        operation_id=f"part_pricing_{verb}",
        opt={
            **requires("change", PART.access),
            "schema": OperationSchema(response=PartPricing, request=PartPricingIn, partial=partial),
        },
    )(update_pricing)


PRICING_ROUTES = [read_pricing, pricing_update(partial=False), pricing_update(partial=True)]
