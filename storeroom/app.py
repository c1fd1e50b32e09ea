"""create_app(settings) -> Litestar: wiring only; every behaviour lives in its capability."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.types import ControllerRouterHandler

from storeroom.admin.routes import routes as admin_routes
from storeroom.api.application import ApiApp
from storeroom.api.context import CONTEXT_DEPENDENCY, Started
from storeroom.api.dialects import DialectMiddleware, add_dialect_headers
from storeroom.api.error_rendering import exception_handler
from storeroom.api.mounts import ApiMount
from storeroom.api.openapi import routes as openapi_routes
from storeroom.api.options import options_routes
from storeroom.api.routes import resource_routes
from storeroom.api.startup import start_platform
from storeroom.attachments.routes import routes as attachment_routes
from storeroom.attachments.storage.chosen import attachment_store
from storeroom.attachments.storage.store import FileStore
from storeroom.auth.middleware import AuthenticationMiddleware
from storeroom.background.chosen import background_queue
from storeroom.background.queue import Registry, TaskQueue
from storeroom.background.routes import routes as background_routes
from storeroom.builds.routes import routes as build_routes
from storeroom.contenttypes.routes import routes as contenttype_routes
from storeroom.currency import jobs as currency_jobs
from storeroom.currency.routes import routes as currency_routes
from storeroom.error_reports.routes import routes as error_report_routes
from storeroom.error_reports.service import record_error
from storeroom.flags.routes import routes as flag_routes
from storeroom.generate.routes import routes as generate_routes
from storeroom.icons.routes import routes as icon_routes
from storeroom.importer import jobs as importer_jobs
from storeroom.importer.incoming import sweeping_incoming
from storeroom.importer.routes import routes as importer_routes
from storeroom.mail.routes import routes as mail_routes
from storeroom.models.registry import MODELS
from storeroom.models.status_classes import STATUS_CLASSES
from storeroom.orders.routes import routes as order_routes
from storeroom.parts import pricing_jobs, stocktake_jobs
from storeroom.parts.routes import routes as part_routes
from storeroom.plugins.routes import routes as plugin_routes
from storeroom.settings import Settings, load_settings
from storeroom.states.routes import routes as state_routes
from storeroom.status.routes import fresh_root, probe_routes
from storeroom.status.routes import routes as status_routes
from storeroom.status.service import log_status
from storeroom.stock.routes import routes as stock_routes
from storeroom.users.routes import routes as user_routes

API_ROUTES = [
    *status_routes,
    *user_routes,
    *admin_routes,
    *error_report_routes,
    *contenttype_routes,
    *flag_routes,
    *icon_routes,
    *currency_routes,
    *plugin_routes,
    *mail_routes,
    *state_routes,
    *generate_routes,
    *order_routes,
    *stock_routes,
    *part_routes,
    *build_routes,
    *background_routes,
    *importer_routes,
    *attachment_routes,
    *(route for resource in MODELS for route in resource_routes(resource)),
]

# Every background job and schedule; web processes and `storeroom worker` run the same ones.
BACKGROUND = Registry(
    jobs={**importer_jobs.JOBS, **currency_jobs.JOBS, **pricing_jobs.JOBS, **stocktake_jobs.JOBS},
    schedules=(*importer_jobs.SCHEDULES, *currency_jobs.SCHEDULES, *pricing_jobs.SCHEDULES),
    at_start=(importer_jobs.SWEEP,),
)


# Built once per process; each application registers copies (api/mounts.py).
# OPTIONS shows a status field's choices with their class's labels.
STATUS_LABELS = {
    name: {key: label for _name, key, label, _color in values}
    for name, values in STATUS_CLASSES.items()
}
API_HANDLERS = [*options_routes(API_ROUTES, STATUS_LABELS), *API_ROUTES]


def create_app(
    settings: Settings | None = None,
    extra_routes: Sequence[ControllerRouterHandler] = (),
    background: Registry = BACKGROUND,
) -> Litestar:
    """The application; `extra_routes` and `background` let an embedding program (or a test) add
    its own routes and jobs."""
    chosen = settings or load_settings()
    started = Started()

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        currency_jobs.check_settings(chosen)
        async with (
            start_platform(chosen) as context,
            background_queue(context, background) as queue,
            fresh_root(app, context, queue),
            sweeping_incoming(chosen),
            attachment_store(chosen) as store,
        ):
            started.api = context
            # A protocol as the key: mypy refuses an abstract class where a concrete one is named.
            started.provide(FileStore, store)  # type: ignore[type-abstract]
            started.provide(TaskQueue, queue)  # type: ignore[type-abstract]
            # Kept for tests and embedding programs; the request path reads `started`.
            app.state.api = context
            log_status(chosen)
            yield

    logging.basicConfig(level=chosen.log_level.upper())
    return ApiApp(
        started,
        route_handlers=[
            ApiMount(API_HANDLERS, CONTEXT_DEPENDENCY),
            *probe_routes,
            *openapi_routes,
            *extra_routes,
        ],
        lifespan=[lifespan],
        middleware=[DialectMiddleware, AuthenticationMiddleware],
        exception_handlers={Exception: exception_handler(record_error)},
        before_send=[add_dialect_headers],
        request_max_body_size=chosen.max_body_size,
        # /api/schema/ is built by api/openapi_document.py; Litestar's own document is off.
        openapi_config=None,
        debug=False,
    )
