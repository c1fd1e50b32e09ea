"""`/api/generate/serial-number/` and `/api/generate/batch-code/`: any signed-in user."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, post
from litestar.handlers import HTTPRouteHandler

from storeroom.api.bodies import read_body
from storeroom.api.context import api_context, tenant_of
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.routes import render
from storeroom.generate import inputs, service
from storeroom.generate.schemas import (
    MAX_SERIALS_PER_REQUEST,
    BatchCodeIn,
    BatchCodeOut,
    SerialNumberIn,
    SerialNumberOut,
)
from storeroom.models.clock import now

AnyRequest = Request[Any, Any, Any]


@post(
    "/generate/serial-number/",
    name="generate-serial-number",
    operation_id="generate_serial_number_create",
    status_code=200,
    opt={"schema": OperationSchema(request=SerialNumberIn, response=SerialNumberOut)},
)
async def generate_serial_number(request: AnyRequest) -> Response[bytes]:
    values = await read_body(request)
    part = inputs.required_pk(values, "part")
    quantity = inputs.positive_int(values, "quantity", default=1, maximum=MAX_SERIALS_PER_REQUEST)
    serials = await service.generate_serials(tenant_of(request), part, quantity, now())
    joined = ",".join(serials)
    return render(request, {"serial": joined, "serial_number": joined})


@post(
    "/generate/batch-code/",
    name="generate-batch-code",
    operation_id="generate_batch_code_create",
    status_code=200,
    opt={"schema": OperationSchema(request=BatchCodeIn, response=BatchCodeOut)},
)
async def generate_batch_code(request: AnyRequest) -> Response[bytes]:
    values = await read_body(request)
    ids = {name: inputs.optional_pk(values, name) for name in service.CONTEXT_TABLES}
    quantity = inputs.optional_number(values, "quantity")
    tenant = tenant_of(request)
    objects = await service.load_context(tenant, ids)
    moment = now()
    counter = await service.batch_counter(tenant, moment)
    template = api_context(request).settings.batch_code_template
    code = service.batch_code(template, counter, moment, objects, quantity)
    return render(request, {"batch_code": code})


routes: list[HTTPRouteHandler] = [generate_serial_number, generate_batch_code]
