"""`/api/schema/` against InvenTree's contract (contract/*.yaml).

Every contract operation that the server's document has must match it: path and query parameters,
request and response fields and their types (type, significant format, nullable, choices), and the
success status. Operations are found in the server's document, so a new route is checked as soon
as it exists; `IMPLEMENTED` notices one that disappears.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import msgspec
import yaml
from litestar import Litestar, post
from litestar.params import FromQuery, JSONBody
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from storeroom.api.fields import KINDS
from storeroom.api.openapi_compare import Document, differences, json_schema
from storeroom.api.openapi_resources import TYPES
from storeroom.app import create_app
from storeroom.settings import Settings
from tests.conftest import Client, started

CONTRACT = Path(__file__).resolve().parents[2] / "contract"
# An operation is taken from the first file that has it; "full" holds every path of API 264.
FILES = ("inventree-264-general", "inventree-264-client-support", "inventree-264-full")
METHODS = ("get", "put", "post", "delete", "patch")
IMPLEMENTED = """
POST   /api/action/
GET    /api/background-task/
GET    /api/background-task/pending/
DELETE /api/background-task/pending/
GET    /api/background-task/scheduled/
GET    /api/background-task/failed/
DELETE /api/background-task/failed/
GET    /api/admin/config/
GET    /api/admin/config/{key}/
GET    /api/attachment/
POST   /api/attachment/
DELETE /api/attachment/
GET    /api/attachment/{id}/
PUT    /api/attachment/{id}/
DELETE /api/attachment/{id}/
PATCH  /api/attachment/{id}/
GET    /api/attachment/{id}/metadata/
PUT    /api/attachment/{id}/metadata/
PATCH  /api/attachment/{id}/metadata/
POST   /api/auth/login/
GET    /api/auth/logout/
POST   /api/auth/logout/
GET    /api/bom/
POST   /api/bom/
DELETE /api/bom/
GET    /api/bom/{id}/
PUT    /api/bom/{id}/
DELETE /api/bom/{id}/
PATCH  /api/bom/{id}/
GET    /api/bom/{id}/metadata/
PUT    /api/bom/{id}/metadata/
PATCH  /api/bom/{id}/metadata/
DELETE /api/bom/substitute/{id}/
DELETE /api/part/internal-price/{id}/
DELETE /api/part/related/{id}/
GET    /api/bom/substitute/
GET    /api/bom/substitute/{id}/
GET    /api/bom/substitute/{id}/metadata/
GET    /api/part/internal-price/
GET    /api/part/internal-price/{id}/
GET    /api/part/related/
GET    /api/part/related/{id}/
GET    /api/part/related/{id}/metadata/
GET    /api/part/{id}/bom-validate/
PATCH  /api/bom/substitute/{id}/
PATCH  /api/bom/substitute/{id}/metadata/
PATCH  /api/bom/{id}/validate/
PATCH  /api/part/internal-price/{id}/
PATCH  /api/part/related/{id}/
PATCH  /api/part/related/{id}/metadata/
PATCH  /api/part/{id}/bom-validate/
POST   /api/bom/substitute/
POST   /api/part/internal-price/
POST   /api/part/related/
POST   /api/part/{id}/bom-copy/
PUT    /api/bom/substitute/{id}/
PUT    /api/bom/substitute/{id}/metadata/
PUT    /api/bom/{id}/validate/
PUT    /api/part/internal-price/{id}/
PUT    /api/part/related/{id}/
PUT    /api/part/related/{id}/metadata/
PUT    /api/part/{id}/bom-validate/
GET    /api/part/{id}/pricing/
PUT    /api/part/{id}/pricing/
PATCH  /api/part/{id}/pricing/
GET    /api/part/{id}/requirements/
GET    /api/part/{id}/serial-numbers/
GET    /api/part/{id}/scheduling/
POST   /api/part/change_category/
GET    /api/part/category/tree/
GET    /api/build/
POST   /api/build/
GET    /api/build/{id}/
PUT    /api/build/{id}/
DELETE /api/build/{id}/
PATCH  /api/build/{id}/
GET    /api/build/{id}/metadata/
PUT    /api/build/{id}/metadata/
PATCH  /api/build/{id}/metadata/
POST   /api/build/{id}/allocate/
POST   /api/build/{id}/auto-allocate/
POST   /api/build/{id}/cancel/
POST   /api/build/{id}/complete/
POST   /api/build/{id}/create-output/
POST   /api/build/{id}/delete-outputs/
POST   /api/build/{id}/finish/
POST   /api/build/{id}/hold/
POST   /api/build/{id}/issue/
POST   /api/build/{id}/scrap-outputs/
POST   /api/build/{id}/unallocate/
GET    /api/build/item/
POST   /api/build/item/
DELETE /api/build/item/
GET    /api/build/item/{id}/
PUT    /api/build/item/{id}/
DELETE /api/build/item/{id}/
PATCH  /api/build/item/{id}/
GET    /api/build/item/{id}/metadata/
PUT    /api/build/item/{id}/metadata/
PATCH  /api/build/item/{id}/metadata/
GET    /api/build/line/
POST   /api/build/line/
GET    /api/build/line/{id}/
PUT    /api/build/line/{id}/
DELETE /api/build/line/{id}/
PATCH  /api/build/line/{id}/
GET    /api/build/status/
GET    /api/company/
POST   /api/company/
GET    /api/company/address/
POST   /api/company/address/
DELETE /api/company/address/
GET    /api/company/address/{id}/
PUT    /api/company/address/{id}/
DELETE /api/company/address/{id}/
PATCH  /api/company/address/{id}/
GET    /api/company/contact/
POST   /api/company/contact/
DELETE /api/company/contact/
GET    /api/company/contact/{id}/
PUT    /api/company/contact/{id}/
DELETE /api/company/contact/{id}/
PATCH  /api/company/contact/{id}/
GET    /api/company/contact/{id}/metadata/
PUT    /api/company/contact/{id}/metadata/
PATCH  /api/company/contact/{id}/metadata/
GET    /api/company/part/
POST   /api/company/part/
DELETE /api/company/part/
GET    /api/company/part/manufacturer/
POST   /api/company/part/manufacturer/
DELETE /api/company/part/manufacturer/
GET    /api/company/part/manufacturer/parameter/
POST   /api/company/part/manufacturer/parameter/
DELETE /api/company/part/manufacturer/parameter/
GET    /api/company/part/manufacturer/parameter/{id}/
PUT    /api/company/part/manufacturer/parameter/{id}/
DELETE /api/company/part/manufacturer/parameter/{id}/
PATCH  /api/company/part/manufacturer/parameter/{id}/
GET    /api/company/part/manufacturer/{id}/
PUT    /api/company/part/manufacturer/{id}/
DELETE /api/company/part/manufacturer/{id}/
PATCH  /api/company/part/manufacturer/{id}/
GET    /api/company/part/manufacturer/{id}/metadata/
PUT    /api/company/part/manufacturer/{id}/metadata/
PATCH  /api/company/part/manufacturer/{id}/metadata/
GET    /api/company/part/{id}/
PUT    /api/company/part/{id}/
DELETE /api/company/part/{id}/
PATCH  /api/company/part/{id}/
GET    /api/company/part/{id}/metadata/
PUT    /api/company/part/{id}/metadata/
PATCH  /api/company/part/{id}/metadata/
GET    /api/company/price-break/
POST   /api/company/price-break/
GET    /api/company/price-break/{id}/
PUT    /api/company/price-break/{id}/
DELETE /api/company/price-break/{id}/
PATCH  /api/company/price-break/{id}/
GET    /api/company/{id}/
PUT    /api/company/{id}/
DELETE /api/company/{id}/
PATCH  /api/company/{id}/
GET    /api/company/{id}/metadata/
PUT    /api/company/{id}/metadata/
PATCH  /api/company/{id}/metadata/
GET    /api/contenttype/
GET    /api/contenttype/model/{model}/
GET    /api/contenttype/{id}/
GET    /api/currency/exchange/
POST   /api/currency/refresh/
POST   /api/email/generate/
GET    /api/error-report/
DELETE /api/error-report/
GET    /api/error-report/{id}/
PUT    /api/error-report/{id}/
DELETE /api/error-report/{id}/
PATCH  /api/error-report/{id}/
GET    /api/flags/
GET    /api/flags/{key}/
POST   /api/generate/batch-code/
POST   /api/generate/serial-number/
GET    /api/generic/status/
GET    /api/generic/status/custom/
POST   /api/generic/status/custom/
GET    /api/generic/status/custom/{id}/
PUT    /api/generic/status/custom/{id}/
DELETE /api/generic/status/custom/{id}/
PATCH  /api/generic/status/custom/{id}/
GET    /api/generic/status/{statusmodel}/
GET    /api/icons/
GET    /api/importer/column-mapping/
GET    /api/importer/column-mapping/{id}/
PUT    /api/importer/column-mapping/{id}/
PATCH  /api/importer/column-mapping/{id}/
GET    /api/importer/models/
GET    /api/importer/row/
DELETE /api/importer/row/
GET    /api/importer/row/{id}/
PUT    /api/importer/row/{id}/
DELETE /api/importer/row/{id}/
PATCH  /api/importer/row/{id}/
GET    /api/importer/session/
POST   /api/importer/session/
DELETE /api/importer/session/
GET    /api/importer/session/{id}/
PUT    /api/importer/session/{id}/
DELETE /api/importer/session/{id}/
PATCH  /api/importer/session/{id}/
POST   /api/importer/session/{id}/accept_fields/
POST   /api/importer/session/{id}/accept_rows/
GET    /api/order/po-extra-line/
POST   /api/order/po-extra-line/
GET    /api/order/po-extra-line/{id}/
PUT    /api/order/po-extra-line/{id}/
DELETE /api/order/po-extra-line/{id}/
PATCH  /api/order/po-extra-line/{id}/
GET    /api/order/po-extra-line/{id}/metadata/
PUT    /api/order/po-extra-line/{id}/metadata/
PATCH  /api/order/po-extra-line/{id}/metadata/
GET    /api/order/po-line/
POST   /api/order/po-line/
DELETE /api/order/po-line/
GET    /api/order/po-line/{id}/
PUT    /api/order/po-line/{id}/
DELETE /api/order/po-line/{id}/
PATCH  /api/order/po-line/{id}/
GET    /api/order/po-line/{id}/metadata/
PUT    /api/order/po-line/{id}/metadata/
PATCH  /api/order/po-line/{id}/metadata/
GET    /api/order/po/
POST   /api/order/po/
GET    /api/order/po/{id}/
PUT    /api/order/po/{id}/
DELETE /api/order/po/{id}/
PATCH  /api/order/po/{id}/
POST   /api/order/po/{id}/cancel/
POST   /api/order/po/{id}/complete/
POST   /api/order/po/{id}/hold/
POST   /api/order/po/{id}/issue/
POST   /api/order/po/{id}/receive/
GET    /api/order/po/{id}/metadata/
PUT    /api/order/po/{id}/metadata/
PATCH  /api/order/po/{id}/metadata/
GET    /api/order/po/status/
GET    /api/order/ro-extra-line/
POST   /api/order/ro-extra-line/
GET    /api/order/ro-extra-line/{id}/
PUT    /api/order/ro-extra-line/{id}/
DELETE /api/order/ro-extra-line/{id}/
PATCH  /api/order/ro-extra-line/{id}/
GET    /api/order/ro-extra-line/{id}/metadata/
PUT    /api/order/ro-extra-line/{id}/metadata/
PATCH  /api/order/ro-extra-line/{id}/metadata/
GET    /api/order/ro-line/
POST   /api/order/ro-line/
GET    /api/order/ro-line/{id}/
PUT    /api/order/ro-line/{id}/
DELETE /api/order/ro-line/{id}/
PATCH  /api/order/ro-line/{id}/
GET    /api/order/ro-line/{id}/metadata/
PUT    /api/order/ro-line/{id}/metadata/
PATCH  /api/order/ro-line/{id}/metadata/
GET    /api/order/ro/
POST   /api/order/ro/
GET    /api/order/ro/{id}/
PUT    /api/order/ro/{id}/
DELETE /api/order/ro/{id}/
PATCH  /api/order/ro/{id}/
GET    /api/order/ro/{id}/metadata/
PUT    /api/order/ro/{id}/metadata/
PATCH  /api/order/ro/{id}/metadata/
GET    /api/order/so-extra-line/
POST   /api/order/so-extra-line/
GET    /api/order/so-extra-line/{id}/
PUT    /api/order/so-extra-line/{id}/
DELETE /api/order/so-extra-line/{id}/
PATCH  /api/order/so-extra-line/{id}/
GET    /api/order/so-extra-line/{id}/metadata/
PUT    /api/order/so-extra-line/{id}/metadata/
PATCH  /api/order/so-extra-line/{id}/metadata/
GET    /api/order/so-line/
POST   /api/order/so-line/
GET    /api/order/so-line/{id}/
PUT    /api/order/so-line/{id}/
DELETE /api/order/so-line/{id}/
PATCH  /api/order/so-line/{id}/
GET    /api/order/so-line/{id}/metadata/
PUT    /api/order/so-line/{id}/metadata/
PATCH  /api/order/so-line/{id}/metadata/
GET    /api/order/so/
POST   /api/order/so/
GET    /api/order/so/shipment/
POST   /api/order/so/shipment/
GET    /api/order/so/shipment/{id}/
PUT    /api/order/so/shipment/{id}/
DELETE /api/order/so/shipment/{id}/
PATCH  /api/order/so/shipment/{id}/
GET    /api/order/so/shipment/{id}/metadata/
PUT    /api/order/so/shipment/{id}/metadata/
PATCH  /api/order/so/shipment/{id}/metadata/
GET    /api/order/so/{id}/
PUT    /api/order/so/{id}/
DELETE /api/order/so/{id}/
PATCH  /api/order/so/{id}/
GET    /api/order/so/{id}/metadata/
PUT    /api/order/so/{id}/metadata/
PATCH  /api/order/so/{id}/metadata/
GET    /api/part/
POST   /api/part/
GET    /api/part/category/
POST   /api/part/category/
GET    /api/part/category/parameters/
POST   /api/part/category/parameters/
GET    /api/part/category/parameters/{id}/
PUT    /api/part/category/parameters/{id}/
DELETE /api/part/category/parameters/{id}/
PATCH  /api/part/category/parameters/{id}/
GET    /api/part/category/parameters/{id}/metadata/
PUT    /api/part/category/parameters/{id}/metadata/
PATCH  /api/part/category/parameters/{id}/metadata/
GET    /api/part/category/{id}/
PUT    /api/part/category/{id}/
DELETE /api/part/category/{id}/
PATCH  /api/part/category/{id}/
GET    /api/part/category/{id}/metadata/
PUT    /api/part/category/{id}/metadata/
PATCH  /api/part/category/{id}/metadata/
GET    /api/part/parameter/
POST   /api/part/parameter/
GET    /api/part/parameter/template/
POST   /api/part/parameter/template/
GET    /api/part/parameter/template/{id}/
PUT    /api/part/parameter/template/{id}/
DELETE /api/part/parameter/template/{id}/
PATCH  /api/part/parameter/template/{id}/
GET    /api/part/parameter/template/{id}/metadata/
PUT    /api/part/parameter/template/{id}/metadata/
PATCH  /api/part/parameter/template/{id}/metadata/
GET    /api/part/parameter/{id}/
PUT    /api/part/parameter/{id}/
DELETE /api/part/parameter/{id}/
PATCH  /api/part/parameter/{id}/
GET    /api/part/parameter/{id}/metadata/
PUT    /api/part/parameter/{id}/metadata/
PATCH  /api/part/parameter/{id}/metadata/
GET    /api/part/sale-price/
POST   /api/part/sale-price/
GET    /api/part/sale-price/{id}/
PUT    /api/part/sale-price/{id}/
DELETE /api/part/sale-price/{id}/
PATCH  /api/part/sale-price/{id}/
GET    /api/part/stocktake/
POST   /api/part/stocktake/
GET    /api/part/stocktake/{id}/
PUT    /api/part/stocktake/{id}/
DELETE /api/part/stocktake/{id}/
PATCH  /api/part/stocktake/{id}/
GET    /api/part/stocktake/report/
GET    /api/part/stocktake/report/{id}/
PUT    /api/part/stocktake/report/{id}/
DELETE /api/part/stocktake/report/{id}/
PATCH  /api/part/stocktake/report/{id}/
POST   /api/part/stocktake/report/generate/
GET    /api/part/test-template/
POST   /api/part/test-template/
GET    /api/part/test-template/{id}/
PUT    /api/part/test-template/{id}/
DELETE /api/part/test-template/{id}/
PATCH  /api/part/test-template/{id}/
GET    /api/part/test-template/{id}/metadata/
PUT    /api/part/test-template/{id}/metadata/
PATCH  /api/part/test-template/{id}/metadata/
GET    /api/part/thumbs/
GET    /api/part/thumbs/{id}/
PUT    /api/part/thumbs/{id}/
PATCH  /api/part/thumbs/{id}/
GET    /api/part/{id}/
PUT    /api/part/{id}/
DELETE /api/part/{id}/
PATCH  /api/part/{id}/
GET    /api/part/{id}/metadata/
PUT    /api/part/{id}/metadata/
PATCH  /api/part/{id}/metadata/
GET    /api/project-code/
POST   /api/project-code/
GET    /api/project-code/{id}/
PUT    /api/project-code/{id}/
DELETE /api/project-code/{id}/
PATCH  /api/project-code/{id}/
GET    /api/project-code/{id}/metadata/
PUT    /api/project-code/{id}/metadata/
PATCH  /api/project-code/{id}/metadata/
GET    /api/stock/
POST   /api/stock/
DELETE /api/stock/
POST   /api/stock/add/
POST   /api/stock/assign/
POST   /api/stock/change_status/
POST   /api/stock/count/
POST   /api/stock/merge/
POST   /api/stock/remove/
GET    /api/stock/status/
POST   /api/stock/transfer/
GET    /api/stock/location/
POST   /api/stock/location/
GET    /api/stock/location/{id}/
PUT    /api/stock/location/{id}/
DELETE /api/stock/location/{id}/
PATCH  /api/stock/location/{id}/
GET    /api/stock/location/{id}/metadata/
PUT    /api/stock/location/{id}/metadata/
PATCH  /api/stock/location/{id}/metadata/
GET    /api/stock/location/tree/
GET    /api/stock/location-type/
POST   /api/stock/location-type/
GET    /api/stock/location-type/{id}/
PUT    /api/stock/location-type/{id}/
DELETE /api/stock/location-type/{id}/
PATCH  /api/stock/location-type/{id}/
GET    /api/stock/location-type/{id}/metadata/
PUT    /api/stock/location-type/{id}/metadata/
PATCH  /api/stock/location-type/{id}/metadata/
GET    /api/stock/test/
POST   /api/stock/test/
DELETE /api/stock/test/
GET    /api/stock/test/{id}/
PUT    /api/stock/test/{id}/
DELETE /api/stock/test/{id}/
PATCH  /api/stock/test/{id}/
GET    /api/stock/test/{id}/metadata/
PUT    /api/stock/test/{id}/metadata/
PATCH  /api/stock/test/{id}/metadata/
GET    /api/stock/track/
GET    /api/stock/track/{id}/
GET    /api/stock/track/status/
GET    /api/stock/{id}/
PUT    /api/stock/{id}/
DELETE /api/stock/{id}/
PATCH  /api/stock/{id}/
GET    /api/stock/{id}/metadata/
PUT    /api/stock/{id}/metadata/
PATCH  /api/stock/{id}/metadata/
POST   /api/stock/{id}/convert/
POST   /api/stock/{id}/install/
POST   /api/stock/{id}/return/
POST   /api/stock/{id}/serialize/
POST   /api/stock/{id}/uninstall/
GET    /api/test-statistics/by-build/{id}/
GET    /api/test-statistics/by-part/{id}/
GET    /api/units/
POST   /api/units/
GET    /api/units/{id}/
PUT    /api/units/{id}/
DELETE /api/units/{id}/
PATCH  /api/units/{id}/
GET    /api/user/owner/
GET    /api/user/owner/{id}/
GET    /api/user/me/
PUT    /api/user/me/
DELETE /api/user/me/
PATCH  /api/user/me/
GET    /api/user/token/
GET    /api/version/
GET    /api/order/ro-line/status/
GET    /api/order/ro/status/
GET    /api/order/so-allocation/
GET    /api/order/so-allocation/{id}/
GET    /api/order/so/status/
PATCH  /api/order/so-allocation/{id}/
POST   /api/order/ro/{id}/cancel/
POST   /api/order/ro/{id}/complete/
POST   /api/order/ro/{id}/hold/
POST   /api/order/ro/{id}/issue/
POST   /api/order/ro/{id}/receive/
POST   /api/order/so/{id}/allocate/
POST   /api/order/so/{id}/allocate-serials/
POST   /api/order/so/shipment/{id}/ship/
POST   /api/order/so/{id}/cancel/
POST   /api/order/so/{id}/complete/
POST   /api/order/so/{id}/hold/
POST   /api/order/so/{id}/issue/
PUT    /api/order/so-allocation/{id}/
DELETE /api/order/so-allocation/{id}/
"""

# Where the server knowingly differs from the contract today, one mismatch a line. Empty it as
# they are fixed: a line that no longer happens fails test_every_expected_mismatch_still_happens.
EXPECTED_MISMATCHES = {
    # A build's write-only create_child_builds is in its one request schema (InvenTree's Build
    # has it too; its PatchedBuild leaves it out). A PATCH that sends it changes nothing.
    "PATCH /api/build/{id}/ request.create_child_builds: not in the contract",
    # docs/api-behaviour.md, "Build orders": a line is posted and edited with its build and BOM
    # item (InvenTree's serializer makes them read-only, so its POST can make no line).
    *(
        f"{operation} /api/build/line/{where} request.{name}: not in the contract"
        for operation, where in (("POST", ""), ("PUT", "{id}/"), ("PATCH", "{id}/"))
        for name in ("bom_item", "build")
    ),
    # InvenTree's scheduling view answers a list of events (its schema declares one object).
    "GET /api/part/{id}/scheduling/ 200: type object in the contract, array here",
    # A part without an image: InvenTree answers its thumbnail as null, though its schema says a
    # string (docs/api-behaviour.md, "Part images, stars and stocktake").
    *(
        f"{operation} /api/part/thumbs/{{id}}/ 200.image: nullable False in the contract, True here"
        for operation in ("GET", "PUT", "PATCH")
    ),
    # A schedule that has not run yet has no last run (docs/api-behaviour.md, "Background tasks").
    "GET /api/background-task/scheduled/ 200.results[].last_run: nullable False in the contract, "
    "True here",
    # A stock item split from none has no parent: InvenTree answers null (its tree parent is a
    # nullable relation), though its schema does not say so (issue 16).
    *(
        f"{operation} /api/stock/{where}.parent: nullable False in the contract, True here"
        for operation, where in (
            ("GET", " 200.results[]"),
            ("POST", " 201"),
            ("GET", "{id}/ 200"),
            ("PUT", "{id}/ 200"),
            ("PATCH", "{id}/ 200"),
        )
    ),
    # A sales order allocation's item, location and shipment may be unset: InvenTree answers
    # null for them (its shipment is a nullable relation), though its schema does not say so.
    *(
        f"{operation} /api/order/so-allocation/{where}.{field}: "
        "nullable False in the contract, True here"
        for operation, where in (
            ("GET", " 200.results[]"),
            ("GET", "{id}/ 200"),
            ("PUT", "{id}/ 200"),
            ("PATCH", "{id}/ 200"),
        )
        for field in ("location", "part", "serial", "shipment", "shipment_date")
    ),
    *(
        f"{operation} /api/order/so-allocation/{{id}}/ request.shipment: "
        "nullable False in the contract, True here"
        for operation in ("PUT", "PATCH")
    ),
    # docs/api-behaviour.md: a bad file leaves a stored error on its import session
    # (InvenTree answers 500).
    *(
        f"{operation} /api/importer/session/{path}.error: not in the contract"
        for operation, path in (
            ("GET", " 200.results[]"),
            ("POST", " 201"),
            ("GET", "{id}/ 200"),
            ("PUT", "{id}/ 200"),
            ("PATCH", "{id}/ 200"),
            ("POST", "{id}/accept_fields/ 200"),
        )
    ),
    # docs/api-behaviour.md: an upload may name its CSV's text encoding.
    "POST /api/importer/session/ request.encoding: not in the contract",
    # Rows hold JSON only: there is no text to search.
    "GET /api/importer/row/: query parameter search missing here",
    # docs/api-behaviour.md: the action answer carries the plugin's result.
    "POST /api/action/ 200.result: not in the contract",
    # docs/api-behaviour.md: email/generate always answers {"status": "ok"} (with the address
    # as sent).
    "POST /api/email/generate/ 200.status: not in the contract",
    # Before the first refresh there are no rates and no time they were fetched (as InvenTree).
    "GET /api/currency/exchange/ 200.updated: nullable False in the contract, True here",
    # docs/api-behaviour.md: the generate endpoints' context fields are write-only, so not
    # answered; the serial is answered under serial_number too, as InvenTree's server does.
    *(
        f"POST /api/generate/batch-code/ 200.{name}: missing here"
        for name in ("build_order", "item", "location", "part", "purchase_order", "quantity")
    ),
    "POST /api/generate/serial-number/ 200.part: missing here",
    "POST /api/generate/serial-number/ 200.quantity: missing here",
    "POST /api/generate/serial-number/ 200.serial_number: not in the contract",
    # A part's create options are documented on every write of it (InvenTree's PatchedPart
    # leaves them out; they are used on create only).
    *(
        f"PATCH /api/part/{{id}}/ request.{name}: not in the contract"
        for name in ("copy_category_parameters", "duplicate", "initial_stock", "initial_supplier")
    ),
}


def shape(path: str) -> str:
    """A path with its parameters unnamed, so that `{pk}` for `{id}` is a mismatch, not a miss."""
    return re.sub(r"\{\w+\}", "{}", path)


@cache
def contract() -> dict[tuple[str, str], tuple[Document, Document]]:
    """(METHOD, shape of the path) -> (operation, its document) for every contract operation."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: dict[tuple[str, str], tuple[Document, Document]] = {}
    for name in FILES:
        document = yaml.load((CONTRACT / f"{name}.yaml").read_text(), Loader=loader)  # noqa: S506
        document["info"]["x-storeroom-source"] = name
        for path, item in document["paths"].items():
            for method in METHODS:
                if method in item:
                    found.setdefault((method.upper(), shape(path)), (item[method], document))
    return found


def operation_problems(method: str, path: str, server: Document) -> list[str]:
    served = server["paths"][path][method.lower()]
    expected = contract()[(method, shape(path))]
    # Operations only in the full schema are the data model's: we serve a subset of its fields.
    subset = expected[1]["info"].get("x-storeroom-source") == "inventree-264-full"
    return differences(method, path, expected, (served, server), subset)


async def served_document(client: Client) -> Document:
    response = await client.get("/api/schema/")
    assert response.status_code == 200, response.text
    return msgspec.json.decode(response.content, type=Document)


def operations(schema: Document) -> set[tuple[str, str]]:
    return {(method.upper(), path) for path, item in schema["paths"].items() for method in item}


def implemented(schema: Document) -> list[tuple[str, str]]:
    found = {
        (method, path) for method, path in operations(schema) if (method, shape(path)) in contract()
    }
    return sorted(found, key=lambda pair: (pair[1], METHODS.index(pair[0].lower())))


async def mismatches(client: Client) -> list[str]:
    schema = await served_document(client)
    problems: list[str] = []
    for method, path in implemented(schema):
        problems += operation_problems(method, path, schema)
    return problems


async def test_schema_is_a_valid_openapi_3_document(anonymous: Client) -> None:
    schema = await served_document(anonymous)
    validate(schema)
    assert schema["openapi"] == "3.0.3"


def test_every_field_kind_has_an_openapi_type() -> None:
    assert set(KINDS) <= set(TYPES)


async def test_schema_has_every_route_by_inventree_path(app: Litestar, anonymous: Client) -> None:
    hidden = app.openapi_config.path if app.openapi_config else "-"
    routes = {
        (method, re.sub(r"\{(\w+):\w+\}", r"{\1}", route.path).rstrip("/") + "/")
        for route in app.routes
        if not route.path.startswith(hidden)
        for handler in getattr(route, "route_handlers", ())
        if handler.resolve_include_in_schema()
        for method in handler.http_methods
    }
    assert operations(await served_document(anonymous)) == routes


async def test_every_answer_with_a_body_documents_its_schema(anonymous: Client) -> None:
    schema = await served_document(anonymous)
    undocumented = [
        f"{method.upper()} {path} {status}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        for status, answer in operation["responses"].items()
        if status != "204" and json_schema(answer) is None
    ]
    assert not undocumented, "answers without a schema:\n" + "\n".join(undocumented)


async def test_the_implemented_contract_operations_are_the_expected_ones(anonymous: Client) -> None:
    schema = await served_document(anonymous)
    found = {f"{method:<6} {path}" for method, path in implemented(schema)}
    expected = set(IMPLEMENTED.strip().splitlines())
    gone, new = sorted(expected - found), sorted(found - expected)
    assert not gone, "no longer served:\n  " + "\n  ".join(gone)
    assert not new, "newly served, add them to IMPLEMENTED:\n  " + "\n  ".join(new)


# A value read through a relation is null when the relation is empty. InvenTree answers null too
# (DRF gives None for a `source` through a missing object), but its schema does not say so.
NULL_THROUGH_EMPTY_RELATION = re.compile(
    r"\.(category_name|category_default_location|project_code_label|supplier_name"
    r"|contact_detail|address_detail|project_code_detail|destination_detail|location_type_detail"
    r"|responsible_detail): "
    r"nullable False in the contract, True here$"
)


def is_expected(problem: str) -> bool:
    return problem in EXPECTED_MISMATCHES or bool(NULL_THROUGH_EMPTY_RELATION.search(problem))


async def test_implemented_operations_match_the_contract(anonymous: Client) -> None:
    problems = await mismatches(anonymous)
    found = [problem for problem in problems if not is_expected(problem)]
    assert not found, f"{len(found)} mismatches with the contract:\n" + "\n".join(found)


async def test_every_expected_mismatch_still_happens(anonymous: Client) -> None:
    fixed = EXPECTED_MISMATCHES - set(await mismatches(anonymous))
    assert not fixed, "fixed, remove them from EXPECTED_MISMATCHES:\n" + "\n".join(sorted(fixed))


async def test_answers_match_their_documented_schemas(client: Client) -> None:
    """Every GET without path parameters, paged where it can be, answers what the document says."""
    schema = await served_document(client)
    wrong = []
    for path, item in schema["paths"].items():
        operation = item.get("get")
        if operation is None or "{" in path or path == "/api/auth/logout/":  # logs us out
            continue
        names = {parameter["name"] for parameter in operation.get("parameters", [])}
        response = await client.get(path, params={"limit": 2} if "limit" in names else None)
        answer = json_schema(operation["responses"].get(str(response.status_code)))
        if answer is None:
            wrong.append(f"GET {path}: undocumented {response.status_code} {response.text[:200]}")
            continue
        validator = OAS30Validator({**answer, "components": schema["components"]})
        wrong += [
            f"GET {path}: {error.message}" for error in validator.iter_errors(response.json())
        ]
    assert not wrong, "\n".join(wrong)


async def test_api_docs_page_loads_the_schema(anonymous: Client) -> None:
    response = await anonymous.get("/api-docs/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert 'url: "/api/schema/"' in response.text


class Shelf(msgspec.Struct):
    name: str
    capacity: int | None = None


@post("/api/shelf/", operation_id="shelf_create")
async def create_shelf(data: JSONBody[Shelf], dry_run: FromQuery[bool] = False) -> Shelf:
    return data


async def test_a_typed_handler_is_documented_from_its_signature(settings: Settings) -> None:
    async with started(create_app(settings, extra_routes=[create_shelf])) as client:
        schema = await served_document(client)
    operation = schema["paths"]["/api/shelf/"]["post"]
    shelf = {"$ref": "#/components/schemas/Shelf"}
    assert (json_schema(operation["requestBody"]), json_schema(operation["responses"]["201"])) == (
        shelf,
        shelf,
    )
    assert [parameter["name"] for parameter in operation["parameters"]] == ["dry_run"]
    assert schema["components"]["schemas"]["Shelf"]["properties"]["capacity"] == {
        "type": "integer",
        "nullable": True,
        "default": None,
    }
