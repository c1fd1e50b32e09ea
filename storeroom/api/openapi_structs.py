"""OpenAPI 3.0 schemas of msgspec types, the bodies that routes declare with `OperationSchema`.

msgspec writes JSON Schema 2020-12; InvenTree's contract, and the clients generated from it, speak
OpenAPI 3.0.3, which says `nullable: true` instead of a `null` type and allows no siblings next to
a `$ref`. `Moment` is the date-time type to use in declared bodies: msgspec gives a plain datetime
no `format`, as it may be naive, and ours always carry a zone (docs/api-behaviour.md, "Everywhere").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

import msgspec

Moment = Annotated[datetime, msgspec.Meta(tz=True)]
REFERENCE = "#/components/schemas/{name}"
JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number"}


@dataclass(frozen=True, slots=True)
class OperationSchema:
    """What a route that renders its own body takes and answers, for `/api/schema/`.

    Declared on the route: `@get(..., opt={"schema": OperationSchema(response=MeUser)})`.
    """

    response: Any = None
    request: Any = None
    # PATCH: every request field optional (a `Patched...` component, as DRF names it).
    partial: bool = False
    # A list answered as InvenTree's page when `limit` is given: adds `limit` and `offset`.
    paginated: bool = False
    query: Mapping[str, Any] = field(default_factory=dict)
    description: str = ""


def to_openapi(schema: Any) -> Any:
    """One JSON Schema (2020-12, as msgspec writes it) rewritten as OpenAPI 3.0."""
    if isinstance(schema, list):
        return [to_openapi(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {key: to_openapi(value) for key, value in schema.items()}
    alternatives = converted.pop("anyOf", None)
    if alternatives is not None:
        kept = [item for item in alternatives if item.get("type") != "null"]
        if len(kept) < len(alternatives):
            converted["nullable"] = True
        if len(kept) == 1 and "$ref" not in kept[0]:
            converted = {**kept[0], **converted}
        else:
            converted["anyOf" if len(kept) > 1 else "allOf"] = kept
    if "$ref" in converted and len(converted) > 1:
        converted["allOf"] = [{"$ref": converted.pop("$ref")}]
    if "enum" in converted and "type" not in converted:
        kinds = {JSON_TYPES.get(type(value)) for value in converted["enum"] if value is not None}
        if len(kinds) == 1 and None not in kinds:
            converted["type"] = kinds.pop()
    if converted.get("nullable") and "enum" in converted and None not in converted["enum"]:
        converted["enum"] = [*converted["enum"], None]
    if converted.get("required") == []:
        # OpenAPI 3.0 wants at least one name in `required`.
        del converted["required"]
    if converted.pop("contentEncoding", None) == "base64":
        converted["format"] = "byte"
    return converted


def add_component(components: dict[str, Any], name: str, schema: dict[str, Any]) -> None:
    """Add a named schema; two different schemas under one name would silently lose one."""
    if components.setdefault(name, schema) != schema:
        raise ValueError(f"Two different OpenAPI schemas are named {name}")


def schema_of(kind: Any, components: dict[str, Any]) -> dict[str, Any]:
    """The schema of a type, adding the components it refers to."""
    (schema,), found = msgspec.json.schema_components([kind], ref_template=REFERENCE)
    for name, component in found.items():
        add_component(components, name, to_openapi(component))
    converted: dict[str, Any] = to_openapi(schema)
    return converted


def patched_schema(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    """The same object with every field optional, under DRF's `Patched<Name>` name."""
    reference = schema.get("$ref", "")
    if not reference.startswith("#/components/schemas/"):
        return {key: value for key, value in schema.items() if key != "required"}
    name = reference.rsplit("/", 1)[1]
    patched = {key: value for key, value in components[name].items() if key != "required"}
    add_component(components, f"Patched{name}", {**patched, "title": f"Patched{name}"})
    return {"$ref": REFERENCE.format(name=f"Patched{name}")}


def page_schema(items: dict[str, Any]) -> dict[str, Any]:
    """InvenTree's page: `{count, next, previous, results}`."""
    return {
        "type": "object",
        "required": ["count", "results"],
        "properties": {
            "count": {"type": "integer", "example": 123},
            "next": {"type": "string", "nullable": True, "format": "uri"},
            "previous": {"type": "string", "nullable": True, "format": "uri"},
            "results": {"type": "array", "items": items},
        },
    }


def paginated_schema(response: Any, components: dict[str, Any]) -> dict[str, Any]:
    """A page of a `list[Item]` response, as a `Paginated<Item>List` component."""
    schema = schema_of(response, components)
    items = schema.get("items", {})
    reference = items.get("$ref", "")
    if not reference:
        return page_schema(items)
    name = f"Paginated{reference.rsplit('/', 1)[1]}List"
    add_component(components, name, page_schema(items))
    return {"$ref": REFERENCE.format(name=name)}
