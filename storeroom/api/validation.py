"""Validating a write body against a resource's fields, collecting every problem at once."""

from __future__ import annotations

from typing import Any

from storeroom.api.fields import FieldError, convert
from storeroom.api.resource import Resource
from storeroom.errors import Invalid


def validate_body(resource: Resource, body: dict[str, Any], partial: bool) -> dict[str, Any]:
    """Stored values by column name; Invalid lists every bad field (DRF's 400 shape)."""
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for spec in resource.writable:
        if spec.name not in body:
            if partial:
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
    if errors:
        raise Invalid(errors)
    return values
