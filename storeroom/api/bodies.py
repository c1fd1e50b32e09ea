"""Request bodies: JSON, urlencoded form or multipart, all read into one dict of field values.

A body read whole is never longer than the app's request body limit, whatever the route allows:
the routes that stream uploads lift Litestar's own limit (`request_max_body_size=None`), and a
JSON or form body sent to them, with or without a Content-Length, must not grow without bound.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request
from litestar.datastructures import UploadFile
from litestar.utils.scope.state import ScopeState

from storeroom.api.casing import snake_keys
from storeroom.api.dialects import Dialect, dialect_of
from storeroom.errors import Invalid, MalformedBody, TooLarge, UnsupportedMediaType

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# Deeper JSON is refused: no field needs it, and code that walks a value (the decoder itself,
# JSON columns' encoders) runs out of stack somewhere past a few hundred levels.
MAX_JSON_DEPTH = 100
TOO_DEEP = f"JSON parse error - nested more than {MAX_JSON_DEPTH} levels deep."


async def read_body(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The body as a dict of snake_case field names; an empty body is an empty dict."""
    values = await _read(request)
    # DEEP clients may send camelCase or snake_case field names.
    return snake_keys(values) if dialect_of(request.scope) is Dialect.DEEP else values


def body_limit(request: Request[Any, Any, Any]) -> int | None:
    """The app's request body limit (None: the app has none)."""
    limit = request.app.request_max_body_size
    return limit if isinstance(limit, int) else None


async def bounded_body(request: Request[Any, Any, Any]) -> bytes:
    """The whole body, read at most up to the app's body limit (TooLarge beyond it)."""
    state = ScopeState.from_scope(request.scope)
    if isinstance(state.body, bytes):
        return state.body
    limit = body_limit(request)
    if limit is not None:
        announced = request.headers.get("content-length", "")
        if announced.isdigit() and int(announced) > limit:
            raise TooLarge(f"Request body is larger than {limit} bytes.")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        # A chunked body announces no length: it is counted as it arrives.
        if limit is not None and size > limit:
            raise TooLarge(f"Request body is larger than {limit} bytes.")
        chunks.append(chunk)
    # Kept where Litestar looks for a body already read, so request.body() and .form() reuse it.
    state.body = b"".join(chunks)
    return await request.body()


async def _read(request: Request[Any, Any, Any]) -> dict[str, Any]:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await bounded_body(request)
    if media_type.startswith(FORM_TYPES):
        form = await request.form()
        values: dict[str, Any] = {}
        for key, value in form.multi_items():
            values.setdefault(key, []).append(value)
        return {
            key: found[0] if len(found) == 1 or isinstance(found[0], UploadFile) else found
            for key, found in values.items()
        }
    if not raw.strip():
        return {}
    if media_type and media_type != "application/json" and not media_type.endswith("+json"):
        raise UnsupportedMediaType(f'Unsupported media type "{media_type}" in request.')
    decoded = decode_json(raw)
    if not isinstance(decoded, dict):
        raise MalformedBody("JSON parse error - expected an object.")
    return decoded


def decode_json(raw: bytes | str) -> Any:
    """A client's JSON text, nested at most MAX_JSON_DEPTH deep (MalformedBody otherwise)."""
    try:
        decoded = msgspec.json.decode(raw)
    except msgspec.DecodeError as error:
        raise MalformedBody(f"JSON parse error - {error}") from None
    except RecursionError:
        raise MalformedBody(TOO_DEEP) from None
    if is_deeper_than(decoded, MAX_JSON_DEPTH):
        raise MalformedBody(TOO_DEEP)
    return decoded


def json_field(name: str, text: str) -> Any:
    """A field whose value is JSON text (how a form sends an object); Invalid names the field."""
    try:
        return decode_json(text)
    except MalformedBody as error:
        deep = error.message == TOO_DEEP
        message = f"Nested more than {MAX_JSON_DEPTH} levels deep." if deep else ""
        raise Invalid.field(name, message or "Expected a JSON object.") from None


def is_deeper_than(value: Any, limit: int) -> bool:
    """Whether objects and arrays nest more than `limit` levels (walked without recursion)."""
    pending = [(value, 1)]
    while pending:
        current, depth = pending.pop()
        if not isinstance(current, dict | list):
            continue
        if depth > limit:
            return True
        children = current.values() if isinstance(current, dict) else current
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
