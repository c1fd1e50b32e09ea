"""An action's request body read into its msgspec struct, every invalid field reported at once.

msgspec stops at the first error, and its messages are not DRF's; so each field of the struct is
converted on its own, with the messages InvenTree's serializers give (api/fields.py), and the
struct is made from the converted values. A string field takes only a string. A dict or list field
may come as JSON text: a form or multipart body can carry it no other way. An integer field marked
`PrimaryKey` answers in the words of DRF's related fields.
"""

from __future__ import annotations

import contextlib
from typing import Annotated, Any, TypeVar

import msgspec
from msgspec import inspect

from storeroom.api.fields import (
    LARGEST_INT,
    NULL_CHARACTERS,
    SMALLEST_INT,
    FieldError,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_float,
    parse_json,
)
from storeroom.errors import Invalid

PrimaryKey = Annotated[int, msgspec.Meta(extra={"primary_key": True})]
REQUIRED = "This field is required."
StructT = TypeVar("StructT", bound=msgspec.Struct)
Number = TypeVar("Number", int, float)


def read_struct(kind: type[StructT], body: dict[str, Any]) -> StructT:
    """The struct of the body's values; Invalid with every field's problem otherwise."""
    info = inspect.type_info(kind)
    if not isinstance(info, inspect.StructType):
        raise TypeError(f"{kind!r} is not a msgspec struct")
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for spec in info.fields:
        if spec.encode_name not in body:
            if spec.required:
                errors[spec.encode_name] = [REQUIRED]
            continue
        try:
            values[spec.name] = convert_value(spec.type, body[spec.encode_name], spec.required)
        except FieldError as error:
            errors[spec.encode_name] = [str(error)]
    if errors:
        raise Invalid(errors)
    return kind(**values)


def convert_value(kind: inspect.Type, value: Any, required: bool) -> Any:
    kind, nullable, extra = unwrapped(kind)
    if value is None or (value == "" and not isinstance(kind, inspect.StrType | inspect.AnyType)):
        if nullable:
            return None
        if value is None:
            raise FieldError("This field may not be null.")
    if isinstance(kind, inspect.IntType):
        return checked_int(value, kind, bool(extra.get("primary_key")))
    if isinstance(kind, inspect.FloatType):
        return within(parse_float(value), kind)
    if isinstance(kind, inspect.StrType):
        return checked_str(value, kind, required)
    if isinstance(kind, inspect.LiteralType):
        if value not in kind.values:
            raise FieldError(f'"{value}" is not a valid choice.')
        return value
    if isinstance(kind, inspect.DictType | inspect.ListType):
        return container(value, kind)
    simple = SIMPLE.get(type(kind))
    if simple is not None:
        return simple(value)
    return parse_json(value)


def unwrapped(kind: inspect.Type) -> tuple[inspect.Type, bool, dict[str, Any]]:
    """The type without its metadata and null alternative: (type, nullable, metadata extra)."""
    extra: dict[str, Any] = {}
    nullable = False
    if isinstance(kind, inspect.UnionType):
        others = [item for item in kind.types if not isinstance(item, inspect.NoneType)]
        nullable = len(others) < len(kind.types)
        if len(others) == 1:
            kind = others[0]
    if isinstance(kind, inspect.Metadata):
        extra = dict(kind.extra or {})
        kind = kind.type
    return kind, nullable, extra


def checked_int(value: Any, kind: inspect.IntType, primary_key: bool) -> int:
    if primary_key:
        return primary_key_value(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().lstrip("+-").isdecimal():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError("A valid integer is required.")
    within(value, kind)
    if not SMALLEST_INT <= value <= LARGEST_INT:
        # Integer columns are 32-bit on PostgreSQL, as Django's IntegerField.
        if value > LARGEST_INT:
            raise FieldError(f"Ensure this value is less than or equal to {LARGEST_INT}.")
        raise FieldError(f"Ensure this value is greater than or equal to {SMALLEST_INT}.")
    return value


def primary_key_value(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        kind = type(value).__name__
        raise FieldError(f"Incorrect type. Expected pk value, received {kind}.")
    if not 0 <= value <= LARGEST_INT:
        # Beyond the id column's range: no such object can exist.
        raise FieldError(f'Invalid pk "{value}" - object does not exist.')
    return value


def within(value: Number, kind: inspect.IntType | inspect.FloatType) -> Number:
    if kind.ge is not None and value < kind.ge:
        raise FieldError(f"Ensure this value is greater than or equal to {kind.ge}.")
    if kind.le is not None and value > kind.le:
        raise FieldError(f"Ensure this value is less than or equal to {kind.le}.")
    return value


def checked_str(value: Any, kind: inspect.StrType, required: bool) -> str:
    if not isinstance(value, str):
        raise FieldError("Not a valid string.")
    if "\x00" in value:
        raise FieldError(NULL_CHARACTERS)
    if required and not value.strip():
        raise FieldError("This field may not be blank.")
    if kind.max_length is not None and len(value) > kind.max_length:
        raise FieldError(f"Ensure this field has no more than {kind.max_length} characters.")
    return value


def container(value: Any, kind: inspect.DictType | inspect.ListType) -> Any:
    is_dict = isinstance(kind, inspect.DictType)
    wanted, word = (dict, "a dictionary") if is_dict else (list, "a list")
    if isinstance(value, str) and value.strip():
        with contextlib.suppress(msgspec.DecodeError):
            value = msgspec.json.decode(value)
    if not isinstance(value, wanted):
        raise FieldError(f'Expected {word} of items but got type "{type(value).__name__}".')
    return parse_json(value)


SIMPLE = {
    inspect.BoolType: parse_bool,
    inspect.DecimalType: parse_decimal,
    inspect.DateType: parse_date,
    inspect.DateTimeType: parse_datetime,
}
