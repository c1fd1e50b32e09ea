"""The create endpoint's conversion of a body (`api.validation.convert_body`), prepared once per
model for a loop over many rows: the same `convert` per field, the same required and default
rules, without walking every declared field for every row."""

from __future__ import annotations

from typing import Any

from storeroom.api.fields import Field, FieldError, convert
from storeroom.api.resource import Resource

Errors = dict[str, list[str]]
REQUIRED = "This field is required."


class Converter:
    def __init__(self, resource: Resource, creating: bool) -> None:
        writable = resource.writable
        self.specs: dict[str, Field] = {spec.name: spec for spec in writable}
        # name -> (field, column): the column name is a property, read a million times otherwise.
        self.targets = {spec.name: (spec, spec.column_name) for spec in writable}
        self.required = [spec.name for spec in writable if spec.required]
        self.defaults = [
            spec for spec in writable if not spec.required and spec.default is not None
        ]
        # Read-only fields with a default are set once, when the object is made (creation dates).
        self.created = [
            spec
            for spec in resource.fields
            if creating
            and spec.read_only
            and spec.stored
            and spec.expression is None
            and callable(spec.default)
        ]

    def convert(self, body: dict[str, Any]) -> tuple[dict[str, Any], Errors]:
        """Stored values by column name, and every field's problems (as convert_body answers)."""
        values: dict[str, Any] = {spec.column_name: spec.default() for spec in self.created}
        for spec in self.defaults:
            if spec.name not in body:
                values[spec.column_name] = (
                    spec.default() if callable(spec.default) else spec.default
                )
        errors: Errors = {}
        targets = self.targets
        for name, raw in body.items():
            target = targets.get(name)
            if target is None:
                continue
            try:
                values[target[1]] = convert(target[0], raw)
            except FieldError as error:
                errors[name] = [str(error)]
        for name in self.required:
            if name not in body:
                errors[name] = [REQUIRED]
        return values, errors
