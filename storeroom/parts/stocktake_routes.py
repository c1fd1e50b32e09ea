"""Stocktake routes: `POST /api/part/stocktake/` (a record, made by the caller: InvenTree's
PartStocktakeSerializer sets `user` from the request), `POST /api/part/stocktake/report/generate/`
(a report, made by a background job: parts/stocktake_jobs.py), the report files themselves and
a report's DELETE, which removes its file too. The other list, detail, PUT, PATCH and DELETE
operations are the resource layer's."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from litestar import Response, delete, get, post
from litestar.response import Stream

from storeroom.api import crud
from storeroom.api.actions import ActionCall, action
from storeroom.api.context import Context
from storeroom.api.envelopes import object_body
from storeroom.api.routes import list_path, operation_base
from storeroom.api.validation import convert_body
from storeroom.attachments.service import user_detail
from storeroom.attachments.storage.store import FileStore, MissingFile
from storeroom.auth.permissions import requires
from storeroom.background.queue import TaskQueue
from storeroom.errors import Invalid, NotFound
from storeroom.models.expressions import table
from storeroom.models.part_stocktake import PART_STOCKTAKE, PART_STOCKTAKE_REPORT, REPORT_URL
from storeroom.parts.detail_routes import store_of
from storeroom.parts.schemas import PartStocktakeReportGenerate
from storeroom.parts.stocktake_jobs import GENERATE, key_of

FOLDER = re.compile(r"^[0-9a-f]{32}$")
NAME = re.compile(r"^InvenTree_Stocktake_\d{4}-\d{2}-\d{2}\.csv$")
SCOPES = (("part", "part"), ("category", "partcategory"), ("location", "stocklocation"))


@post(
    list_path(PART_STOCKTAKE),
    name="partstocktake-create",
    operation_id=f"{operation_base(PART_STOCKTAKE)}_create",
    opt={
        **requires("add", PART_STOCKTAKE.access),
        "resource": PART_STOCKTAKE,
        "operation": "create",
    },
)
async def create_stocktake(context: Context) -> Response[Any]:
    values, errors = convert_body(
        PART_STOCKTAKE, await context.body(), partial=False, creating=True
    )
    identity = context.identity
    if identity is not None and not identity.is_system:
        values["user"] = identity.user_id
        values["user_detail"] = user_detail(identity)
    created = await crud.create(context.api, context.tenant, PART_STOCKTAKE, values, errors)
    return context.render(object_body(context.dialect, PART_STOCKTAKE, created), 201)


async def generate_report(
    call: ActionCall[PartStocktakeReportGenerate],
) -> PartStocktakeReportGenerate:
    """Check the scope's objects exist and queue the report (InvenTree offloads it too)."""
    body, connection = call.body, await call.transaction()
    for name, model_type in SCOPES:
        pk = getattr(body, name)
        rows = table(model_type)
        if pk is not None:
            found = await connection.execute(sa.select(rows.c.id).where(rows.c.id == pk))
            if found.first() is None:
                raise Invalid.field(name, f'Invalid pk "{pk}" - object does not exist.')
    identity = call.identity
    user = identity if identity is not None and not identity.is_system else None
    arguments = {
        "account": call.tenant.account,
        "user": None if user is None else user.user_id,
        "user_detail": None if user is None else user_detail(user),
        "scope": {
            "part": body.part,
            "category": body.category,
            "location": body.location,
            "exclude_external": body.exclude_external,
        },
        "generate_report": body.generate_report,
        "update_parts": body.update_parts,
    }
    await call.service(TaskQueue).submit(GENERATE, arguments)  # type: ignore[type-abstract]
    return body


GENERATE_REPORT = action(
    PART_STOCKTAKE_REPORT,
    "generate",
    on_list=True,
    body=PartStocktakeReportGenerate,
    response=PartStocktakeReportGenerate,
    permission=("part", "add"),
    run=generate_report,
    description="API endpoint for manually generating a new PartStocktakeReport.",
)


@delete(
    "/part/stocktake/report/{id:int}/",
    name="partstocktakereport-destroy",
    operation_id="part_stocktake_report_destroy",
    status_code=204,
    opt={
        **requires("delete", PART_STOCKTAKE_REPORT.access),
        "resource": PART_STOCKTAKE_REPORT,
        "operation": "destroy",
    },
)
async def delete_report(context: Context) -> None:
    """Delete a report and its file."""
    pk = crud.parse_pk(context.path_param("id"))
    found = await crud.get_one(context.api, context.tenant, PART_STOCKTAKE_REPORT, pk)
    await crud.delete(context.api, context.tenant, PART_STOCKTAKE_REPORT, pk)
    if found["report"]:
        await store_of(context).delete(context.tenant.account, key_of(found["report"]))


async def opened(store: FileStore, account: str, url: str) -> Stream:
    chunks = store.read(account, key_of(url))
    try:
        first = await anext(chunks, b"")
    except MissingFile:
        raise NotFound() from None

    async def rest() -> Any:
        yield first
        async for chunk in chunks:
            yield chunk

    return Stream(
        rest(),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{url.rsplit("/", 1)[1]}"'},
    )


@get(
    "/part/stocktake/report/file/{folder:str}/{name:str}",
    name="partstocktakereport-download",
    opt=requires("view", PART_STOCKTAKE_REPORT.access),
    include_in_schema=False,
)
async def download_report(context: Context) -> Stream:
    """A report's CSV file, to callers who may view parts."""
    folder, name = context.path_param("folder"), context.path_param("name")
    if not FOLDER.match(folder) or not NAME.match(name):
        raise NotFound()
    url = f"{REPORT_URL}{folder}/{name}"
    return await opened(store_of(context), context.tenant.account, url)


STOCKTAKE_ROUTES = [create_stocktake, GENERATE_REPORT.route, delete_report, download_report]
