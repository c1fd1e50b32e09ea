"""`/api/currency/exchange/` (any user) and `/api/currency/refresh/` (staff)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get

from storeroom.api.actions import ActionCall, action
from storeroom.api.context import api_context, tenant_of
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.routes import render
from storeroom.auth.permissions import STAFF
from storeroom.currency import service
from storeroom.currency.schemas import CurrencyExchange

AnyRequest = Request[Any, Any, Any]


@get(
    "/currency/exchange/",
    name="currency-exchange",
    operation_id="currency_exchange_retrieve",
    opt={"schema": OperationSchema(response=CurrencyExchange)},
)
async def read_exchange(request: AnyRequest) -> Response[bytes]:
    tenant = tenant_of(request)
    config = service.currency_config(api_context(request).settings)
    async with tenant.transaction() as connection:
        rates = await service.read_rates(connection, config)
    return render(request, CurrencyExchange.of(rates).body())


async def refresh_exchange(call: ActionCall[None]) -> CurrencyExchange:
    config = service.currency_config(call.settings)
    # Fetched before the transaction opens: no transaction waits on the network.
    fetched = await service.fetch_rates(config)
    rates = await service.store_rates(await call.transaction(), config, fetched)
    return CurrencyExchange.of(rates)


REFRESH = action(
    "/api/currency/",
    "refresh",
    permission=(STAFF, "change"),
    response=CurrencyExchange,
    status_code=200,
    run=refresh_exchange,
)

routes = [read_exchange, REFRESH.route]
