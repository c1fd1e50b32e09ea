"""The OpenAPI 3.0.3 document of every route the application has, built from the routes.

Each operation's bodies come from one declaration: a resource route's `Resource`, a route's
`OperationSchema` (in `opt["schema"]`), or a typed handler's signature (`data: SomeStruct`, a
return annotation). We build the document ourselves rather than with Litestar's generator: it
writes OpenAPI 3.1, drops InvenTree's trailing slashes and refuses a handler mounted on several
paths under one operation id.
"""

from __future__ import annotations

import re
from typing import Any, get_args, get_origin

from litestar import Litestar, Response
from litestar.enums import ParamType
from litestar.handlers import HTTPRouteHandler
from litestar.params import ParameterKwarg
from litestar.routes import HTTPRoute

from storeroom import __version__
from storeroom.api.openapi_pending import PENDING
from storeroom.api.openapi_resources import (
    NO_BODY,
    json_response,
    list_response,
    paging_parameters,
    query_parameter,
    request_body,
    resource_operation,
)
from storeroom.api.openapi_structs import (
    OperationSchema,
    paginated_schema,
    patched_schema,
    schema_of,
)
from storeroom.api.resource import Resource
from storeroom.auth.mechanisms import SESSION_COOKIE
from storeroom.auth.middleware import is_anonymous_path

PATH_PARAMETER = re.compile(r"\{(\w+):\w+\}")
# Litestar's own kwargs and a handler's body, never query parameters.
RESERVED = frozenset({"request", "socket", "scope", "state", "headers", "cookies", "query", "body"})
PATH_TYPES = {int: "integer", float: "number", bool: "boolean"}
METHOD_ORDER = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
AUTHENTICATED: list[dict[str, list[str]]] = [
    {"tokenAuth": []},
    {"basicAuth": []},
    {"cookieAuth": []},
]
SECURITY_SCHEMES = {
    "tokenAuth": {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": 'Token-based authentication with required prefix "Token"',
    },
    "basicAuth": {"type": "http", "scheme": "basic"},
    "cookieAuth": {"type": "apiKey", "in": "cookie", "name": SESSION_COOKIE},
}


# Every error is DRF's shape (api/error_rendering.py): `{"detail": "..."}`, or for invalid input
# each field (and `non_field_errors`) with its messages.
ERROR_SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["detail"],
        "properties": {"detail": {"type": "string"}},
    },
    "ValidationError": {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": {
            "anyOf": [
                {"type": "array", "items": {}},
                {"type": "string"},
                {"type": "object", "additionalProperties": {}},
            ]
        },
    },
}
ERRORS = {
    "400": ("Invalid input: every invalid field with its messages.", "ValidationError"),
    "401": ("Not authenticated, or the credentials are wrong.", "Error"),
    "403": ("Authenticated, but not allowed.", "Error"),
    "404": ("No such object in this tenant.", "Error"),
    "409": ("The object is not in a state that allows this.", "Error"),
    "413": ("The request body is too large.", "Error"),
    "415": ("The request body's content type is not accepted.", "Error"),
    "429": ("Too many failed logins from this address; try again later.", "Error"),
    "503": ("A service this request needs (database, storage, provider) is down.", "Error"),
}
WRITES = frozenset({"post", "put", "patch", "delete"})


def error_responses(method: str, operation: dict[str, Any]) -> dict[str, Any]:
    """The errors an operation can answer, each in its documented shape."""
    codes = ["401", "429", "503"]
    if operation.get("parameters") or operation.get("requestBody") or method in WRITES:
        codes.append("400")
    if any(item["in"] == "path" for item in operation.get("parameters", [])):
        codes.append("404")
    if {} not in operation.get("security", [{}]):
        codes.append("403")
    if method in WRITES:
        codes.append("409")
    if "requestBody" in operation:
        codes += ["413", "415"]
    return {code: json_response(ref(ERRORS[code][1]), ERRORS[code][0]) for code in sorted(codes)}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def declared_operation(
    declared: OperationSchema, status: int, components: dict[str, Any]
) -> dict[str, Any]:
    found: dict[str, Any] = {"parameters": paging_parameters() if declared.paginated else []}
    for name, kind in declared.query.items():
        found["parameters"].append(query_parameter(name, schema_of(kind, components)))
    if declared.request is not None:
        schema = schema_of(declared.request, components)
        if declared.partial:
            schema = patched_schema(schema, components)
        found["requestBody"] = request_body(schema, required=not declared.partial)
    if declared.response is None:
        found["responses"] = {str(status): NO_BODY}
    elif declared.paginated:
        page = paginated_schema(declared.response, components)
        item = schema_of(declared.response, components).get("items", {})
        found["responses"] = {str(status): list_response(page, item, exports=False)}
    else:
        schema = schema_of(declared.response, components)
        found["responses"] = {str(status): json_response(schema)}
    if declared.description:
        found["description"] = declared.description
    return found


def returned_type(handler: HTTPRouteHandler) -> Any:
    """The type a typed handler answers, or None when its body is not described by its type."""
    annotation = handler.parsed_fn_signature.return_type.annotation
    if get_origin(annotation) is Response or annotation is Response:
        annotation = (get_args(annotation) or (None,))[0]
    return None if annotation in {None, type(None), bytes, Any} else annotation


def is_query(kwarg: ParameterKwarg) -> bool:
    return kwarg.param_type is ParamType.QUERY and not (kwarg.header or kwarg.cookie)


def signature_operation(
    handler: HTTPRouteHandler, path_names: set[str], components: dict[str, Any]
) -> dict[str, Any]:
    """Query parameters, body and answer of a handler that declares them in its signature."""
    skipped = RESERVED | path_names | set(handler.resolve_dependencies())
    found: dict[str, Any] = {"parameters": []}
    for name, definition in handler.parsed_fn_signature.parameters.items():
        kwarg = definition.kwarg_definition
        if name in skipped or name == "data":
            continue
        if isinstance(kwarg, ParameterKwarg) and not is_query(kwarg):
            continue
        query = (kwarg.query or kwarg.name) if isinstance(kwarg, ParameterKwarg) else None
        parameter = query_parameter(query or name, schema_of(definition.annotation, components))
        parameter["required"] = not (definition.is_optional or definition.has_default)
        found["parameters"].append(parameter)
    data = handler.parsed_data_field
    if data is not None:
        found["requestBody"] = request_body(schema_of(data.annotation, components), True)
    answer, status = returned_type(handler), str(handler.status_code)
    if answer is None or handler.status_code == 204:
        found["responses"] = {status: NO_BODY}
    else:
        found["responses"] = {status: json_response(schema_of(answer, components))}
    return found


def path_of(route: HTTPRoute, handler: HTTPRouteHandler) -> str:
    """InvenTree's form of a route's path: `{id}` without its type, and a trailing slash."""
    path = PATH_PARAMETER.sub(r"{\1}", route.path)
    if handler.opt.get("trailing_slash", True) and not path.endswith("/"):
        path += "/"
    return path


def path_parameters(route: HTTPRoute) -> list[dict[str, Any]]:
    return [
        {
            "in": "path",
            "name": name,
            "schema": {"type": PATH_TYPES.get(definition.type, "string")},
            "required": True,
        }
        for name, definition in route.path_parameters.items()
    ]


def operation_id_of(handler: HTTPRouteHandler) -> str:
    if isinstance(handler.operation_id, str):
        return handler.operation_id
    return handler.name or handler.handler_name


def operation_of(
    route: HTTPRoute, handler: HTTPRouteHandler, method: str, components: dict[str, Any]
) -> dict[str, Any]:
    path = path_of(route, handler)
    operation: dict[str, Any] = {
        "operationId": operation_id_of(handler),
        "description": handler.description or (handler.fn.__doc__ or "").strip(),
        "tags": list(handler.resolve_tags()) or [path.split("/")[2] or "api"],
        "security": AUTHENTICATED + ([{}] if is_anonymous_path(path) else []),
    }
    resource = handler.opt.get("resource")
    declared = handler.opt.get("schema") or PENDING.get(operation["operationId"])
    if isinstance(resource, Resource):
        found = resource_operation(resource, handler.opt["operation"], method, components)
    elif isinstance(declared, OperationSchema):
        found = declared_operation(declared, handler.status_code, components)
    else:
        found = signature_operation(handler, set(route.path_parameters), components)
    parameters = path_parameters(route) + found.pop("parameters", [])
    if parameters:
        operation["parameters"] = parameters
    operation = {**operation, **found}
    operation["responses"] = {**error_responses(method.lower(), operation), **found["responses"]}
    return operation


def documented_handlers(app: Litestar) -> list[tuple[HTTPRoute, HTTPRouteHandler, str]]:
    """Every (route, handler, method) the document shows, in routing order."""
    hidden = app.openapi_config.path if app.openapi_config else None
    found: list[tuple[HTTPRoute, HTTPRouteHandler, str]] = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        if hidden and (route.path == hidden or route.path.startswith(hidden + "/")):
            continue
        for handler in route.route_handlers:
            if handler.resolve_include_in_schema():
                found += [(route, handler, str(method)) for method in sorted(handler.http_methods)]
    return found


def in_method_order(item: dict[str, Any]) -> dict[str, Any]:
    return dict(sorted(item.items(), key=lambda pair: METHOD_ORDER.index(pair[0])))


def build_document(app: Litestar) -> dict[str, Any]:
    config = app.openapi_config
    paths: dict[str, dict[str, Any]] = {}
    components: dict[str, Any] = {}
    used: set[str] = set()
    for route, handler, method in documented_handlers(app):
        operation = operation_of(route, handler, method, components)
        # One handler on several paths, as DRF numbers them: status_retrieve_2.
        base, number = operation["operationId"], 1
        while operation["operationId"] in used:
            number += 1
            operation["operationId"] = f"{base}_{number}"
        used.add(operation["operationId"])
        paths.setdefault(path_of(route, handler), {})[method.lower()] = operation
    return {
        "openapi": "3.0.3",
        "info": {
            "title": config.title if config else "storeroom",
            "version": config.version if config else __version__,
            "description": (config.description if config else None)
            or "InvenTree API 264, served by storeroom.",
        },
        "paths": {path: in_method_order(paths[path]) for path in sorted(paths)},
        "components": {
            "schemas": dict(sorted({**components, **ERROR_SCHEMAS}.items())),
            "securitySchemes": SECURITY_SCHEMES,
        },
    }
