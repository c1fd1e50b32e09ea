"""The DEEP dialect's own OpenAPI document (`/api/v1/schema/`): the same operations as drf's,
under the /api/v1/ mount, with camelCase field names (query parameters stay snake_case, as
docs/api-behaviour.md says)."""

from __future__ import annotations

import copy
from typing import Any

from storeroom.api.casing import CLIENT_DATA_KEYS, camel


def camel_schema(schema: Any) -> Any:
    if isinstance(schema, list):
        return [camel_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {key: camel_schema(value) for key, value in schema.items()}
    if isinstance(schema.get("properties"), dict):
        converted["properties"] = {
            camel(name): value if name in CLIENT_DATA_KEYS else camel_schema(value)
            for name, value in schema["properties"].items()
        }
    if isinstance(schema.get("required"), list):
        converted["required"] = [camel(name) for name in schema["required"]]
    return converted


def deep_document(drf: dict[str, Any]) -> dict[str, Any]:
    document = copy.deepcopy(drf)
    document["info"]["title"] = f"{document['info'].get('title', 'storeroom')} (DEEP dialect)"
    document["paths"] = {
        "/api/v1/" + path.removeprefix("/api/"): item
        for path, item in document["paths"].items()
        if path.startswith("/api/")
    }
    for item in document["paths"].values():
        for operation in item.values():
            for part in ("requestBody", "responses"):
                if part in operation:
                    operation[part] = camel_schema(operation[part])
    schemas = document.get("components", {}).get("schemas", {})
    document.setdefault("components", {})["schemas"] = {
        name: camel_schema(schema) for name, schema in schemas.items()
    }
    return document
