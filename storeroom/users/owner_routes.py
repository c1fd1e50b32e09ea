"""`/api/user/owner/` and `/api/user/owner/{id}/`: any signed-in caller reads the tenant's
owners (InvenTree's IsAuthenticatedOrReadScope); owners are never written through the API."""

from __future__ import annotations

from litestar import Response, get

from storeroom.api.context import Context
from storeroom.api.envelopes import page_body, paging_of
from storeroom.api.fields import FieldError, parse_bool
from storeroom.api.openapi_structs import OperationSchema
from storeroom.errors import Invalid
from storeroom.users import owners
from storeroom.users.schemas import Owner


def is_active_of(raw: str | None) -> bool | None:
    if raw is None or raw == "":
        return None
    try:
        return parse_bool(raw)
    except FieldError as error:
        raise Invalid.field("is_active", str(error)) from None


@get(
    "/user/owner/",
    name="owner-list",
    operation_id="user_owner_list",
    opt={
        "schema": OperationSchema(
            response=list[Owner],
            paginated=True,
            query={"search": str | None, "is_active": bool | None},
        )
    },
)
async def list_owners(context: Context) -> Response[bytes]:
    identity = context.signed_in
    params = context.query
    paging = paging_of(context.dialect, params)
    found, count = await owners.list_owners(
        context.api.reader,
        identity.account,
        str(params.get("search") or ""),
        is_active_of(params.get("is_active")),
        paging.limit,
        paging.offset,
    )
    if paging.limit is None:
        return context.render(found)
    return context.render(
        page_body(context.dialect, context.request, "owners", found, count, paging)
    )


@get(
    "/user/owner/{id:int}/",
    name="owner-detail",
    operation_id="user_owner_retrieve",
    opt={"schema": OperationSchema(response=Owner)},
)
async def read_owner(context: Context) -> Response[bytes]:
    identity = context.signed_in
    pk = int(context.path_param("id"))
    return context.render(await owners.read_owner(context.api.reader, identity.account, pk))


routes = [list_owners, read_owner]
