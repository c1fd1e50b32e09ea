"""`/api/error-report/`: list, detail, PUT/PATCH (which change nothing), DELETE, bulk DELETE."""

from __future__ import annotations

from storeroom.api.fields import Field
from storeroom.api.resource import Access, Resource
from storeroom.api.routes import resource_routes
from storeroom.error_reports.tables import error_report_table

ERROR_REPORT = Resource(
    table=error_report_table,
    model_type="errormessage",
    name="error_report",
    plural="error_reports",
    path="/api/error-report/",
    access=Access(staff_only=True),
    fields=(
        Field("pk", "int", read_only=True, column="id"),
        Field("when", "datetime", read_only=True),
        Field("info", "str", read_only=True),
        Field("data", "str", read_only=True, nullable=True),
        Field("path", "str", read_only=True, nullable=True, max_length=200),
    ),
    ordering=("when", "info"),
    default_ordering=("-when",),
    search=("info", "data", "path"),
    operations=frozenset({"list", "detail", "update", "delete", "bulk_delete"}),
    read_only=True,
    inventree_bulk_delete=True,
)

routes = resource_routes(ERROR_REPORT)
