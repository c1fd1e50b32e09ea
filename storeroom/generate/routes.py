"""`/api/generate/serial-number/` and `/api/generate/batch-code/`: any signed-in user."""

from __future__ import annotations

from storeroom.api.actions import ActionCall, action
from storeroom.errors import Invalid
from storeroom.generate import service
from storeroom.generate.schemas import BatchCodeIn, BatchCodeOut, SerialNumberIn, SerialNumberOut
from storeroom.models.clock import now


async def generate_serial_number(call: ActionCall[SerialNumberIn]) -> SerialNumberOut:
    part, quantity = call.body.part, call.body.quantity
    if part is None:
        raise Invalid.field("part", "This field is required.")
    serials = await service.generate_serials(call.tenant, part, quantity, now())
    joined = ",".join(serials)
    return SerialNumberOut(serial=joined, serial_number=joined)


async def generate_batch_code(call: ActionCall[BatchCodeIn]) -> BatchCodeOut:
    given = call.body
    ids = {name: getattr(given, name) for name in service.CONTEXT_TABLES}
    tenant = call.tenant
    objects = await service.load_context(tenant, ids)
    moment = now()
    counter = await service.batch_counter(tenant, moment)
    template = call.settings.batch_code_template
    return BatchCodeOut(service.batch_code(template, counter, moment, objects, given.quantity))


SERIAL_NUMBER = action(
    "/api/generate/",
    "serial-number",
    body=SerialNumberIn,
    response=SerialNumberOut,
    status_code=200,
    run=generate_serial_number,
)
BATCH_CODE = action(
    "/api/generate/",
    "batch-code",
    body=BatchCodeIn,
    response=BatchCodeOut,
    status_code=200,
    run=generate_batch_code,
)

routes = [SERIAL_NUMBER.route, BATCH_CODE.route]
