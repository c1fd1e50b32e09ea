"""Request bodies: JSON, urlencoded form or multipart, all read into one dict of field values."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request
from litestar.datastructures import UploadFile

from storeroom.api.casing import snake_keys
from storeroom.api.dialects import Dialect, dialect_of
from storeroom.errors import MalformedBody, UnsupportedMediaType

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def read_body(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The body as a dict of snake_case field names; an empty body is an empty dict."""
    values = await _read(request)
    # DEEP clients may send camelCase or snake_case field names.
    return snake_keys(values) if dialect_of(request.scope) is Dialect.DEEP else values


async def _read(request: Request[Any, Any, Any]) -> dict[str, Any]:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type.startswith(FORM_TYPES):
        form = await request.form()
        values: dict[str, Any] = {}
        for key, value in form.multi_items():
            values.setdefault(key, []).append(value)
        return {
            key: found[0] if len(found) == 1 or isinstance(found[0], UploadFile) else found
            for key, found in values.items()
        }
    raw = await request.body()
    if not raw.strip():
        return {}
    if media_type and media_type != "application/json" and not media_type.endswith("+json"):
        raise UnsupportedMediaType(f'Unsupported media type "{media_type}" in request.')
    try:
        decoded = msgspec.json.decode(raw)
    except msgspec.DecodeError as error:
        raise MalformedBody(f"JSON parse error - {error}") from None
    if not isinstance(decoded, dict):
        raise MalformedBody("JSON parse error - expected an object.")
    return decoded
