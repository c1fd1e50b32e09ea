"""What OPTIONS tells about each field of a body, in the words of DRF's `SimpleMetadata` as
InvenTree's `InvenTreeMetadata` extends it: `type`, `required`, `read_only`, `label`, `help_text`,
`default`, `max_length`, `min_value` / `max_value`, `choices` and, for a relation, `model`,
`api_url` and `pk_field`. Built from the declarations (a resource's fields, an action's body
struct) once, when the routes are made.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec
from msgspec import inspect

from storeroom.api.fields import LARGEST_INT, SMALLEST_INT, Field, FieldError, convert
from storeroom.api.resource import Resource

FieldInfo = dict[str, Any]
# Display names of a status class's keys (the class's labels), by the field's status class.
StatusLabels = Mapping[str, Mapping[Any, str]]

# DRF's `label_lookup`: a JSONField is a plain `field`, taggit's tag list a `list`.
DRF_TYPES = {
    "int": "integer",
    "fk": "related field",
    "str": "string",
    "bool": "boolean",
    "decimal": "decimal",
    "float": "float",
    "date": "date",
    "datetime": "datetime",
    "json": "field",
    "tags": "list",
}
# InvenTree's quantity and price fields: DecimalField(max_digits=15, decimal_places=5).
MAX_DIGITS, DECIMAL_PLACES = 15, 5


def label_of(name: str) -> str:
    """DRF's label of a field without one: its name in words, first letter capitalised."""
    words = name.replace("_", " ")
    return words[:1].upper() + words[1:]


def declared_default(spec: Field) -> Any:
    """The field's constant default as the client sends it (None: no default to show)."""
    if spec.default is None or callable(spec.default):
        return None
    try:
        converted = convert(spec, spec.default)
    except FieldError:
        return spec.default
    return msgspec.to_builtins(converted)


def field_info(
    spec: Field,
    required: bool,
    api_urls: Mapping[str, str],
    status_labels: StatusLabels,
) -> FieldInfo:
    read_only = spec.read_only or (spec.expression is not None)
    kind = DRF_TYPES[spec.kind]
    if spec.choices and not read_only and spec.kind != "fk":
        kind = "choice"
    info: FieldInfo = {
        "type": kind,
        "required": required and not read_only,
        "read_only": read_only,
        "label": spec.label or label_of(spec.name),
    }
    if spec.help_text:
        info["help_text"] = spec.help_text
    default = declared_default(spec)
    if default is not None:
        info["default"] = default
    if spec.max_length is not None and spec.kind == "str":
        info["max_length"] = spec.max_length
    if spec.kind == "int" and not spec.choices:
        info["min_value"] = spec.extra.get("min_value", SMALLEST_INT)
        info["max_value"] = spec.extra.get("max_value", LARGEST_INT)
    if spec.kind == "decimal":
        info["max_digits"], info["decimal_places"] = MAX_DIGITS, DECIMAL_PLACES
    if kind == "choice":
        labels = status_labels.get(spec.status_class, {})
        info["choices"] = [
            {"value": value, "display_name": labels.get(value, str(value))}
            for value in spec.choices
        ]
    if spec.kind == "fk" and spec.relation and not read_only:
        info["model"] = spec.relation
        info["api_url"] = api_urls.get(spec.relation)
        info["pk_field"] = "pk"
    return info


def resource_fields(
    resource: Resource,
    api_urls: Mapping[str, str],
    status_labels: StatusLabels,
    values: Mapping[str, Any] | None = None,
) -> dict[str, FieldInfo]:
    """Every field of the resource's serializer, read-only ones included (as DRF lists them),
    with the create's computed defaults given in `values`."""
    required = {spec.name for spec in resource.required_on_create}
    found = {
        spec.name: field_info(spec, spec.name in required, api_urls, status_labels)
        for spec in resource.fields
    }
    for name, value in (values or {}).items():
        if value is not None and name in found:
            found[name]["default"] = msgspec.to_builtins(value)
    return found


def struct_type(kind: inspect.Type) -> tuple[str, inspect.Type, bool]:
    """(DRF type name, the type without metadata or null, nullable) of a struct field."""
    nullable = False
    if isinstance(kind, inspect.UnionType):
        others = [item for item in kind.types if not isinstance(item, inspect.NoneType)]
        nullable = len(others) < len(kind.types)
        if len(others) == 1:
            kind = others[0]
    extra: dict[str, Any] = {}
    if isinstance(kind, inspect.Metadata):
        extra = dict(kind.extra or {})
        kind = kind.type
    if extra.get("primary_key"):
        return "related field", kind, nullable
    for struct_kind, name in STRUCT_TYPES:
        if isinstance(kind, struct_kind):
            return name, kind, nullable
    return "field", kind, nullable


STRUCT_TYPES: tuple[tuple[type[inspect.Type], str], ...] = (
    (inspect.BoolType, "boolean"),
    (inspect.IntType, "integer"),
    (inspect.FloatType, "float"),
    (inspect.DecimalType, "decimal"),
    (inspect.StrType, "string"),
    (inspect.DateTimeType, "datetime"),
    (inspect.DateType, "date"),
    (inspect.LiteralType, "choice"),
    (inspect.ListType, "list"),
    (inspect.DictType, "nested object"),
    (inspect.StructType, "nested object"),
)


def struct_field_info(spec: inspect.Field) -> FieldInfo:
    kind_name, kind, _nullable = struct_type(spec.type)
    info: FieldInfo = {
        "type": kind_name,
        "required": spec.required,
        "read_only": False,
        "label": label_of(spec.encode_name),
    }
    if spec.default is not msgspec.NODEFAULT and spec.default is not None:
        info["default"] = msgspec.to_builtins(spec.default)
    if isinstance(kind, inspect.StrType) and kind.max_length is not None:
        info["max_length"] = kind.max_length
    if isinstance(kind, inspect.IntType | inspect.FloatType):
        if kind.ge is not None:
            info["min_value"] = kind.ge
        if kind.le is not None:
            info["max_value"] = kind.le
    if isinstance(kind, inspect.LiteralType):
        info["choices"] = [{"value": value, "display_name": str(value)} for value in kind.values]
    return info


def struct_fields(body: type[Any] | None) -> dict[str, FieldInfo] | None:
    """The fields of an action's body struct; None when the body is not a struct."""
    if body is None or not (isinstance(body, type) and issubclass(body, msgspec.Struct)):
        return None
    info = inspect.type_info(body)
    if not isinstance(info, inspect.StructType):
        return None
    return {spec.encode_name: struct_field_info(spec) for spec in info.fields}
