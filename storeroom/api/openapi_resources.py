"""Request and response schemas of resource routes, derived from their `Resource` declarations,
and InvenTree's trailing-slash paths."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.handlers import HTTPRouteHandler

from storeroom.api.fields import Field
from storeroom.api.resource import Resource

TYPES: dict[str, dict[str, Any]] = {
    "int": {"type": "integer"},
    "str": {"type": "string"},
    "bool": {"type": "boolean"},
    "decimal": {"type": "string", "format": "decimal"},
    "float": {"type": "number", "format": "double"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "json": {"type": "object", "additionalProperties": {}},
    "tags": {"type": "array", "items": {"type": "string"}},
}


def field_schema(spec: Field) -> dict[str, Any]:
    schema = dict(TYPES[spec.kind])
    if spec.max_length:
        schema["maxLength"] = spec.max_length
    if spec.read_only:
        schema["readOnly"] = True
    if spec.write_only:
        schema["writeOnly"] = True
    if spec.nullable:
        schema["nullable"] = True
    if spec.choices:
        schema["enum"] = list(spec.choices)
    if spec.help_text:
        schema["description"] = spec.help_text
    return schema


def object_schema(resource: Resource, partial: bool = False) -> dict[str, Any]:
    properties = {spec.name: field_schema(spec) for spec in resource.fields}
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if not partial:
        required = [spec.name for spec in resource.fields if spec.required or spec.read_only]
        if required:
            schema["required"] = required
    return schema


def page_schema(reference: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["count", "results"],
        "properties": {
            "count": {"type": "integer"},
            "next": {"type": "string", "format": "uri", "nullable": True},
            "previous": {"type": "string", "format": "uri", "nullable": True},
            "results": {"type": "array", "items": {"$ref": reference}},
        },
    }


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _operation(resource: Resource, operation: str, reference: str, patched: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if operation == "list":
        found["parameters"] = [
            {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer"}},
            {"name": "offset", "in": "query", "required": False, "schema": {"type": "integer"}},
            {"name": "ordering", "in": "query", "required": False, "schema": {"type": "string"}},
            {"name": "search", "in": "query", "required": False, "schema": {"type": "string"}},
        ]
        found["responses"] = {"200": {"description": "", "content": _json({"$ref": reference.replace("/schemas/", "/schemas/Paginated") + "List"})}}
    elif operation in {"detail", "update", "partial_update"}:
        found["responses"] = {"200": {"description": "", "content": _json({"$ref": reference})}}
    elif operation == "create":
        found["responses"] = {"201": {"description": "", "content": _json({"$ref": reference})}}
    elif operation in {"destroy", "bulk_delete"}:
        found["responses"] = {"204": {"description": "No response body"}}
    if operation in {"create", "update"}:
        found["requestBody"] = {"content": _json({"$ref": reference}), "required": True}
    if operation == "partial_update":
        found["requestBody"] = {"content": _json({"$ref": patched})}
    return found


def schema_name(resource: Resource) -> str:
    return "".join(part.capitalize() for part in (resource.name or resource.model_type).split("_"))


def complete_document(app: Litestar, document: dict[str, Any]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for path, item in document.get("paths", {}).items():
        paths[path if path.endswith("/") else path + "/"] = item
    document["paths"] = paths
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for route in app.routes:
        for handler in getattr(route, "route_handlers", ()):
            if not isinstance(handler, HTTPRouteHandler):
                continue
            resource = handler.opt.get("resource")
            if not isinstance(resource, Resource):
                continue
            name = schema_name(resource)
            schemas[name] = object_schema(resource)
            schemas[f"Patched{name}"] = object_schema(resource, partial=True)
            schemas[f"Paginated{name}List"] = page_schema(f"#/components/schemas/{name}")
            path = route.path if route.path.endswith("/") else route.path + "/"
            path = path.replace("{id:int}", "{id}")
            for method in handler.http_methods:
                operation = paths.setdefault(path, {}).setdefault(method.lower(), {})
                operation.update(
                    _operation(
                        resource,
                        handler.opt["operation"],
                        f"#/components/schemas/{name}",
                        f"#/components/schemas/Patched{name}",
                    )
                )
    return document
