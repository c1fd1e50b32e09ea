"""`/api/currency/exchange/` (any user) and `/api/currency/refresh/` (staff)."""

from __future__ import annotations

from litestar import Response, get

from storeroom.api.actions import ActionCall, action
from storeroom.api.context import Context
from storeroom.api.openapi_structs import OperationSchema
from storeroom.auth.permissions import STAFF
from storeroom.currency import service
from storeroom.currency.schemas import CurrencyExchange


@get(
    "/currency/exchange/",
    name="currency-exchange",
    operation_id="currency_exchange_retrieve",
    opt={"schema": OperationSchema(response=CurrencyExchange)},
)
async def read_exchange(context: Context) -> Response[bytes]:
    config = service.currency_config(context.settings)
    async with context.tenant.transaction() as connection:
        rates = await service.read_rates(connection, config)
    return context.render(CurrencyExchange.of(rates).body())


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
