"""Validating a write body against a resource's fields, collecting every problem at once."""

from __future__ import annotations

from typing import Any

from storeroom.api.fields import FieldError, convert
from storeroom.api.resource import Resource


def convert_body(
    resource: Resource, body: dict[str, Any], partial: bool, creating: bool = False
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Stored values by column name, and the messages of every field that could not be used."""
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    if creating:
        # Read-only fields with a default are set once, when the object is made (creation dates).
        for spec in resource.fields:
            if (
                spec.read_only
                and spec.stored
                and spec.expression is None
                and callable(spec.default)
            ):
                values[spec.column_name] = spec.default()
    for spec in resource.writable:
        if spec.name not in body:
            if partial or (creating and spec.name in resource.create_defaults):
                # A create default is given in the create's transaction (`crud.create`).
                continue
            if spec.required:
                errors[spec.name] = ["This field is required."]
            elif spec.default is not None:
                values[spec.column_name] = (
                    spec.default() if callable(spec.default) else spec.default
                )
            continue
        try:
            values[spec.column_name] = convert(spec, body[spec.name])
        except FieldError as error:
            errors[spec.name] = [str(error)]
    return values, errors
