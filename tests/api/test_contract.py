"""`/api/schema/` against InvenTree's contract (../shared/contract/*.yaml).

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

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "contract"
# An operation is taken from the first file that has it; "full" holds every path of API 264.
FILES = ("inventree-264-general", "inventree-264-client-support", "inventree-264-full")
METHODS = ("get", "put", "post", "delete", "patch")
IMPLEMENTED = """
GET    /api/admin/config/
GET    /api/admin/config/{key}/
POST   /api/auth/login/
GET    /api/auth/logout/
POST   /api/auth/logout/
GET    /api/error-report/
DELETE /api/error-report/
GET    /api/error-report/{id}/
PUT    /api/error-report/{id}/
PATCH  /api/error-report/{id}/
DELETE /api/error-report/{id}/
GET    /api/user/me/
PUT    /api/user/me/
PATCH  /api/user/me/
DELETE /api/user/me/
GET    /api/user/token/
GET    /api/version/
"""

# Where the server knowingly differs from the contract today, one mismatch a line. Empty it as
# they are fixed: a line that no longer happens fails test_every_expected_mismatch_still_happens.
EXPECTED_MISMATCHES: set[str] = set()


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


async def test_implemented_operations_match_the_contract(anonymous: Client) -> None:
    problems = await mismatches(anonymous)
    found = [problem for problem in problems if problem not in EXPECTED_MISMATCHES]
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
