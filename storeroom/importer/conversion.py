"""The create endpoint's conversion of a body (`api.validation.convert_body`), prepared once per
model for a loop over many rows: the same `convert` per field, the same required and default
rules, without walking every declared field for every row."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from storeroom.api.fields import Field, FieldError, convert
from storeroom.api.resource import Resource

Errors = dict[str, list[str]]
REQUIRED = "This field is required."


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while one chunk of rows is worked on (a fraction of a
    second). The chunk's thousands of dicts live as long as it does: they would survive the young
    collections and set off full ones, which walk every object of the server (a third of a
    second each) every few thousand rows. Refcounting still frees everything meanwhile; the
    collector runs again between chunks, when the chunk is gone. Of two overlapping pauses the
    first one's end resumes it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Converter:
    def __init__(self, resource: Resource, creating: bool) -> None:
        writable = resource.writable
        self.specs: dict[str, Field] = {spec.name: spec for spec in writable}
        # name -> (field, column): the column name is a property, read a million times otherwise.
        self.targets = {spec.name: (spec, spec.column_name) for spec in writable}
        self.required = [spec.name for spec in writable if spec.required]
        defaults = [spec for spec in writable if not spec.required and spec.default is not None]
        # Constant defaults are copied in one go, then overwritten by the body's fields.
        self.constant_defaults = {
            spec.column_name: spec.default for spec in defaults if not callable(spec.default)
        }
        self.called_defaults = [spec for spec in defaults if callable(spec.default)]
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

    def created_values(self) -> dict[str, Any]:
        """The values set when objects are made: one call serves a whole chunk of them."""
        return {spec.column_name: spec.default() for spec in self.created}

    def convert(
        self, body: dict[str, Any], created: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], Errors]:
        """Stored values by column name, and every field's problems (as convert_body answers)."""
        values, _, errors = self.convert_row(body, created)
        return values, errors

    def convert_row(
        self, body: dict[str, Any], created: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any], Errors]:
        """As `convert`, with the row's data by field name: each given field's converted value,
        or the value as given if it is bad or not a field of the model."""
        if created is None and self.created:
            created = self.created_values()
        values = {**created, **self.constant_defaults} if created else dict(self.constant_defaults)
        for spec in self.called_defaults:
            if spec.name not in body:
                values[spec.column_name] = spec.default()
        data: dict[str, Any] = {}
        errors: Errors = {}
        targets = self.targets
        for name, raw in body.items():
            target = targets.get(name)
            if target is None:
                data[name] = raw
                continue
            try:
                values[target[1]] = data[name] = convert(target[0], raw)
            except FieldError as error:
                errors[name] = [str(error)]
                data[name] = raw
                # As convert_body: a given field's default does not stand in for its bad value.
                values.pop(target[1], None)
        for name in self.required:
            if name not in body:
                errors[name] = [REQUIRED]
        return values, data, errors
