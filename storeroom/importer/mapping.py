"""What a model offers the importer (`available_fields`, from the model's one declaration) and
the automatic matching of the file's columns to those fields."""

from __future__ import annotations

from typing import Any

from storeroom.api.fields import Field
from storeroom.api.resource import Resource
from storeroom.models.registry import BY_MODEL_TYPE

# InvenTree's names for the field kinds, as its OPTIONS metadata shows them.
TYPE_NAMES = {
    "int": "integer",
    "fk": "related field",
    "str": "string",
    "bool": "boolean",
    "decimal": "decimal",
    "float": "float",
    "date": "date",
    "datetime": "datetime",
    "json": "json",
    "tags": "list",
}
# Column titles people commonly use for a field, beyond its name, label and help text.
ALIASES: dict[str, tuple[str, ...]] = {
    "IPN": ("internal part number", "part number"),
    "SKU": ("supplier part number", "stock keeping unit"),
    "MPN": ("manufacturer part number",),
    "category": ("category name", "category path", "part category"),
    "location": ("stock location", "location name"),
    "parent": ("parent name", "parent path"),
    "quantity": ("qty",),
    "description": ("desc",),
}


def label_of(spec: Field) -> str:
    return spec.label or spec.name.replace("_", " ").title()


def importable_fields(resource: Resource, overrides: dict[str, Any] | None) -> list[Field]:
    """The fields a file may fill: the create endpoint's writable fields, minus overridden ones."""
    hidden = set(overrides or {})
    return [spec for spec in resource.writable if spec.name not in hidden]


def describe_field(spec: Field, filters: dict[str, Any] | None) -> dict[str, Any]:
    described: dict[str, Any] = {
        "type": TYPE_NAMES[spec.kind],
        "required": spec.required,
        "read_only": False,
        "label": label_of(spec),
    }
    if spec.help_text:
        described["help_text"] = spec.help_text
    if spec.max_length:
        described["max_length"] = spec.max_length
    if spec.default is not None and not callable(spec.default):
        described["default"] = spec.default
    if spec.choices:
        described["choices"] = [
            {"value": value, "display_name": str(value)} for value in spec.choices
        ]
    if spec.kind == "fk" and spec.relation:
        target = BY_MODEL_TYPE.get(spec.relation)
        described.update(
            model=spec.relation,
            api_url=target.path if target else None,
            pk_field="pk",
            filters=dict((filters or {}).get(spec.name) or {}),
        )
    return described


def available_fields(
    resource: Resource, overrides: dict[str, Any] | None, filters: dict[str, Any] | None
) -> dict[str, dict[str, Any]]:
    return {
        spec.name: describe_field(spec, filters) for spec in importable_fields(resource, overrides)
    }


def _loose(text: str) -> str:
    return "".join(text.lower().split()).replace("_", "").replace("-", "")


def auto_map(fields: list[Field], columns: list[str]) -> dict[str, str]:
    """field name -> column: for each field in turn its name, label, help text and aliases, exact
    first, then case- and space-insensitive; each column used at most once."""
    free = list(columns)
    chosen: dict[str, str] = {}
    for spec in fields:
        candidates = [spec.name, label_of(spec), spec.help_text, *ALIASES.get(spec.name, ())]
        candidates = [text for text in candidates if text]
        found = next((column for text in candidates for column in free if column == text), None)
        if found is None:
            loose = {_loose(text) for text in candidates}
            found = next((column for column in free if _loose(column) in loose), None)
        if found is not None:
            chosen[spec.name] = found
            free.remove(found)
    return chosen
