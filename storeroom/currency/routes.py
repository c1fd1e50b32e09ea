"""`/api/currency/exchange/` (any user) and `/api/currency/refresh/` (staff)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post

from storeroom.api.context import api_context, tenant_of
from storeroom.api.guards import require_staff
from storeroom.api.openapi_structs import OperationSchema
from storeroom.api.routes import render
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


@post(
    "/currency/refresh/",
    name="currency-refresh",
    operation_id="currency_refresh_create",
    status_code=200,
    guards=[require_staff()],
    opt={"schema": OperationSchema(response=CurrencyExchange)},
)
async def refresh_exchange(request: AnyRequest) -> Response[bytes]:
    tenant = tenant_of(request)
    config = service.currency_config(api_context(request).settings)
    # Fetched before the transaction opens: no transaction waits on the network.
    fetched = await service.fetch_rates(config)
    async with tenant.transaction() as connection:
        rates = await service.store_rates(connection, config, fetched)
    return render(request, CurrencyExchange.of(rates).body())


routes = [read_exchange, refresh_exchange]
