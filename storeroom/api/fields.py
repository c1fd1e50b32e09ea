"""Field declarations and the conversion of one input value, returning every problem as a message.

Each kind knows how to turn a JSON or form value into the stored value, so that validation can
collect every invalid field at once (msgspec stops at the first error).
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from storeroom.db.metadata import UTCDateTime

KINDS = ("int", "fk", "str", "bool", "decimal", "float", "date", "datetime", "json", "tags")


class FieldError(ValueError):
    """One field's value is unacceptable; the message is shown to the client."""


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: str = "str"
    required: bool = False
    read_only: bool = False
    write_only: bool = False
    nullable: bool = False
    max_length: int | None = None
    default: Any = None
    choices: tuple[Any, ...] = ()
    label: str = ""
    help_text: str = ""
    # The column this field reads; defaults to the column of the same name.
    column: str | None = None
    # For a relation (kind "fk"): the model type it points at, and what deleting that object
    # does to this one: "protect" (refuse, 400), "cascade" or "set_null".
    relation: str | None = None
    on_delete: str = "protect"
    index: bool = False
    # A read-only value computed in SQL from the row's table (e.g. a part's stock total).
    expression: Callable[[sa.Table], sa.ColumnElement[Any]] | None = None
    # Not stored: accepted on input only (write_only), or computed (expression).
    stored: bool = True
    # A status field: `choices` are its class's built-in keys, and a tenant's custom keys of this
    # class are accepted too (the model's `check_write` resolves them; they live in tenant data).
    status_class: str = ""
    # The migration revision that added this column to an existing table: such columns follow the
    # table's first ones (and its metadata) in declaration order, where ALTER TABLE ADD COLUMN puts
    # them, so that a tenant built at head equals one that walked every migration.
    added_in: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def column_name(self) -> str:
        return self.column or self.name

    def sql_type(self) -> sa.types.TypeEngine[Any]:
        return SQL_TYPES[self.kind](self)


SQL_TYPES: dict[str, Callable[[Field], sa.types.TypeEngine[Any]]] = {
    "int": lambda f: sa.Integer(),
    "fk": lambda f: sa.Integer(),
    "str": lambda f: sa.String(f.max_length) if f.max_length else sa.Text(),
    "bool": lambda f: sa.Boolean(),
    "decimal": lambda f: sa.Numeric(15, 5),
    "float": lambda f: sa.Float(),
    "date": lambda f: sa.Date(),
    "datetime": lambda f: UTCDateTime(),
    "json": lambda f: sa.JSON(),
    "tags": lambda f: sa.JSON(),
}

TRUE_WORDS = frozenset({"true", "1", "yes", "on", "t", "y"})
FALSE_WORDS = frozenset({"false", "0", "no", "off", "f", "n"})


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise FieldError("Must be a valid boolean.")


# Integer columns are 32-bit on PostgreSQL (INTEGER), as Django's IntegerField.
SMALLEST_INT, LARGEST_INT = -(2**31), 2**31 - 1


def parse_int(value: Any) -> int:
    if isinstance(value, bool):
        raise FieldError("A valid integer is required.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().lstrip("+-").isdecimal():
        value = int(value.strip())
    if not isinstance(value, int):
        raise FieldError("A valid integer is required.")
    if value > LARGEST_INT:
        raise FieldError(f"Ensure this value is less than or equal to {LARGEST_INT}.")
    if value < SMALLEST_INT:
        raise FieldError(f"Ensure this value is greater than or equal to {SMALLEST_INT}.")
    return value


# Decimal columns are NUMERIC(15, 5): ten digits before the point (DRF's max_digits rule).
WHOLE_DIGITS = 10
DECIMAL_LIMIT = decimal.Decimal(10) ** WHOLE_DIGITS


def parse_number(value: Any) -> decimal.Decimal:
    """Any finite number, from a number or its text."""
    if isinstance(value, bool):
        raise FieldError("A valid number is required.")
    try:
        number = decimal.Decimal(str(value).strip())
    except decimal.InvalidOperation:
        raise FieldError("A valid number is required.") from None
    if not number.is_finite():
        raise FieldError("A valid number is required.")
    return number


def parse_decimal(value: Any) -> decimal.Decimal:
    number = parse_number(value)
    # Checked before rounding (a huge number cannot be rounded), then as the column rounds it.
    if abs(number) >= DECIMAL_LIMIT or abs(round(number, 5)) >= DECIMAL_LIMIT:
        raise FieldError(
            f"Ensure that there are no more than {WHOLE_DIGITS} digits before the decimal point."
        )
    return number


def parse_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            raise FieldError("Datetime has wrong format. Use RFC 3339.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_date(value: Any) -> date:
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise FieldError("Date has wrong format. Use YYYY-MM-DD.") from None


NULL_CHARACTERS = "Null characters are not allowed."


def parse_str(value: Any) -> str:
    if isinstance(value, str):
        if "\x00" in value:
            # DRF's rule too; PostgreSQL cannot store them in text.
            raise FieldError(NULL_CHARACTERS)
        return value
    if isinstance(value, bool | dict | list) or value is None:
        raise FieldError("Not a valid string.")
    return str(value)


def parse_json(value: Any) -> Any:
    """Any JSON value without a null character in a string or key (jsonb cannot hold one)."""
    pending = [value]
    while pending:
        current = pending.pop()
        if isinstance(current, str) and "\x00" in current:
            raise FieldError(NULL_CHARACTERS)
        if isinstance(current, dict):
            pending += list(current.keys()) + list(current.values())
        elif isinstance(current, list):
            pending += current
    return value


def parse_tags(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise FieldError("Expected a list of strings.")
    return [parse_str(tag) for tag in value]


def parse_float(value: Any) -> float:
    # 1e400 is a finite decimal but an infinite float, which SQLite stored and read back as null.
    number = float(parse_number(value))
    if not math.isfinite(number):
        raise FieldError("A valid number is required.")
    return number


PARSERS: dict[str, Callable[[Any], Any]] = {
    "int": parse_int,
    "fk": parse_int,
    "str": parse_str,
    "bool": parse_bool,
    "decimal": parse_decimal,
    "float": parse_float,
    "date": parse_date,
    "datetime": parse_datetime,
    "json": parse_json,
    "tags": parse_tags,
}


def convert(spec: Field, value: Any) -> Any:
    """The stored value for one input value, or FieldError with the client's message."""
    if value is None or (value == "" and spec.kind not in {"str", "json"}):
        if spec.nullable:
            return None
        if value is None:
            raise FieldError("This field may not be null.")
    if value == "" and spec.kind == "str" and spec.required:
        raise FieldError("This field may not be blank.")
    converted = PARSERS[spec.kind](value)
    too_long = isinstance(converted, str) and len(converted) > (spec.max_length or len(converted))
    if too_long:
        raise FieldError(f"Ensure this field has no more than {spec.max_length} characters.")
    if spec.choices and converted not in spec.choices and not spec.status_class:
        raise FieldError(f'"{value}" is not a valid choice.')
    return converted
