"""The request and response schemas of resource routes, derived from their `Resource`.

Resource routes parse their own bodies (to collect every invalid field at once), so nothing in
their signatures describes them: the `Resource` declaration does. Component names follow DRF's
(`ErrorReport`, `PatchedErrorReport`, `PaginatedErrorReportList`).
"""

from __future__ import annotations

from typing import Any

from storeroom.api.fields import Field
from storeroom.api.openapi_structs import REFERENCE, add_component, page_schema
from storeroom.api.resource import Filter, Resource

TYPES: dict[str, dict[str, Any]] = {
    "int": {"type": "integer"},
    "fk": {"type": "integer"},
    "str": {"type": "string"},
    "bool": {"type": "boolean"},
    "decimal": {"type": "string", "format": "decimal"},
    "float": {"type": "number", "format": "double"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "json": {"type": "object", "additionalProperties": {}},
    "tags": {"type": "array", "items": {"type": "string"}},
}
PAGING = {
    "limit": ({"type": "integer"}, "Number of results to return per page."),
    "offset": ({"type": "integer"}, "The initial index from which to return the results."),
}
EXPORT = {"type": "string", "enum": ["csv", "json", "xlsx"]}
# DRF's bodies come in any of these; file fields only as multipart
# (docs/api-behaviour.md, "Everywhere").
BODY_TYPES = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
NO_BODY = {"description": "No response body"}


# Bulk DELETE on a list path (docs/api-behaviour.md, "Everywhere"); InvenTree's schema leaves
# it out.
def bulk_delete_schema(resource: Resource) -> dict[str, Any]:
    """`items` (ids) or `filters` (the list's declared filters only)."""
    # A custom filter parses what it is given, as its query parameter does.
    filters = {
        (entry.name if isinstance(entry, Filter) else entry): (
            {} if isinstance(entry, Filter) else filter_schema(resource, entry)
        )
        for entry in resource.filters
    }
    return {
        "type": "object",
        "minProperties": 1,
        "properties": {
            "items": {"type": "array", "items": {"type": "integer"}, "minItems": 1},
            "filters": {
                "type": "object",
                "properties": filters,
                "additionalProperties": False,
                "minProperties": 1,
            },
        },
        "additionalProperties": False,
    }


def field_schema(spec: Field) -> dict[str, Any]:
    # A field may declare its own schema (e.g. a JSON snapshot with a known shape).
    schema = dict(spec.extra.get("openapi") or TYPES[spec.kind])
    if spec.max_length:
        schema["maxLength"] = spec.max_length
    if spec.kind == "str" and spec.required and not spec.read_only:
        schema["minLength"] = 1  # a required text may not be blank
    if spec.read_only:
        schema["readOnly"] = True
    if spec.write_only:
        schema["writeOnly"] = True
    if spec.nullable:
        schema["nullable"] = True
    if spec.choices:
        schema["enum"] = [*spec.choices, *([None] if spec.nullable else [])]
    if spec.label:
        schema["title"] = spec.label
    if spec.help_text:
        schema["description"] = spec.help_text
    return schema


def object_schema(resource: Resource, partial: bool = False) -> dict[str, Any]:
    # A field both read-only and write-only is an ordering key, never shown nor accepted (the
    # stock list's `part__name`, whose camelCase name would collide with `part_name` under DEEP).
    shown = [spec for spec in resource.fields if not (spec.read_only and spec.write_only)]
    properties = {spec.name: field_schema(spec) for spec in shown}
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [spec.name for spec in shown if spec.required or spec.read_only]
    if required and not partial:
        schema["required"] = required
    return schema


def schema_name(resource: Resource) -> str:
    return "".join(part.capitalize() for part in (resource.name or resource.model_type).split("_"))


def query_parameter(name: str, schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    parameter = {"name": name, "in": "query", "required": False, "schema": schema}
    return {**parameter, "description": description} if description else parameter


def paging_parameters() -> list[dict[str, Any]]:
    return [query_parameter(name, schema, text) for name, (schema, text) in PAGING.items()]


def filter_schema(resource: Resource, entry: str | Filter) -> dict[str, Any]:
    name = entry.name if isinstance(entry, Filter) else entry
    if name == "pk":
        return {"type": "integer"}
    try:
        kind = resource.field(name).kind
    except KeyError:
        # A custom filter declares its parser, not its type.
        return {"type": "string"}
    return dict(TYPES[kind])


def list_parameters(resource: Resource) -> list[dict[str, Any]]:
    parameters = paging_parameters()
    if resource.ordering:
        text = "Which field to use when ordering the results."
        parameters.append(query_parameter("ordering", {"type": "string"}, text))
    if resource.search:
        parameters.append(query_parameter("search", {"type": "string"}, "A search term."))
    for entry in resource.filters:
        name = entry.name if isinstance(entry, Filter) else entry
        parameters.append(query_parameter(name, filter_schema(resource, entry)))
    parameters.append(query_parameter("export", EXPORT, "Answer the whole list as a file."))
    return sorted(parameters, key=lambda parameter: str(parameter["name"]))


def json_response(schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def list_response(
    page: dict[str, Any], item: dict[str, Any], exports: bool = True
) -> dict[str, Any]:
    """A page with `limit`; without it the whole list as a bare array (docs/api-behaviour.md,
    "Everywhere"); with `export` a file."""
    # `x-unpaged` tells the contract check (openapi_compare.py) that the array is our addition.
    bare = {"type": "array", "items": item, "x-unpaged": True}
    content: dict[str, Any] = {"application/json": {"schema": {"oneOf": [page, bare]}}}
    if exports:
        content["text/csv"] = {"schema": {"type": "string"}}
        content[XLSX] = {"schema": {"type": "string", "format": "binary"}}
    text = "A page of results, or with no `limit` every result"
    text += ", or with `export` a file." if exports else "."
    return {"description": text, "content": content}


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def request_body(schema: dict[str, Any], required: bool) -> dict[str, Any]:
    body: dict[str, Any] = {"content": {kind: {"schema": schema} for kind in BODY_TYPES}}
    return {**body, "required": True} if required else body


def metadata_schemas(components: dict[str, Any]) -> None:
    metadata = {"type": "object", "properties": {"metadata": {}}}
    add_component(components, "Metadata", {**metadata, "required": ["metadata"]})
    add_component(components, "PatchedMetadata", metadata)


def add_components(resource: Resource, components: dict[str, Any]) -> str:
    name = schema_name(resource)
    add_component(components, name, object_schema(resource))
    add_component(components, f"Patched{name}", object_schema(resource, partial=True))
    page = page_schema({"$ref": REFERENCE.format(name=name)})
    add_component(components, f"Paginated{name}List", page)
    return name


def resource_operation(
    resource: Resource, operation: str, method: str, components: dict[str, Any]
) -> dict[str, Any]:
    """parameters, requestBody and responses of one operation of a resource's routes."""
    name = add_components(resource, components)
    whole, patched = (REFERENCE.format(name=found) for found in (name, f"Patched{name}"))
    if operation == "metadata":
        metadata_schemas(components)
        whole = REFERENCE.format(name="Metadata")
        patched = REFERENCE.format(name="PatchedMetadata")
        operation = {"GET": "detail", "PUT": "update", "PATCH": "partial_update"}[method]
    found: dict[str, Any] = {}
    if operation == "list":
        found["parameters"] = list_parameters(resource)
        page = REFERENCE.format(name=f"Paginated{name}List")
        found["responses"] = {"200": list_response({"$ref": page}, {"$ref": whole})}
    elif operation in {"detail", "update", "partial_update"}:
        found["responses"] = {"200": json_response({"$ref": whole})}
    elif operation == "create":
        found["responses"] = {"201": json_response({"$ref": whole})}
    elif operation in {"destroy", "bulk_delete"}:
        found["responses"] = {"204": NO_BODY}
    if operation in {"create", "update"}:
        found["requestBody"] = request_body({"$ref": whole}, required=True)
    elif operation == "partial_update":
        found["requestBody"] = request_body({"$ref": patched}, required=False)
    elif operation == "bulk_delete":
        schema = bulk_delete_schema(resource)
        found["requestBody"] = {"content": {"application/json": {"schema": schema}}}
    return found
