"""Every error, rendered once, in the request's dialect (docs/api-behaviour.md, "Errors").

Framework exceptions (unknown route, wrong method, oversize body) are first turned into the domain
errors of `storeroom.errors`; anything else is a 500 whose details go to an error report, never to
the client.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.background_tasks import BackgroundTask
from litestar.exceptions import HTTPException, ValidationException

from storeroom.api.casing import camel
from storeroom.api.dialects import BadDialectError, Dialect, dialect_of
from storeroom.api.fields import NULL_CHARACTERS
from storeroom.api.xml import to_xml
from storeroom.db.outage import is_invalid_pattern, is_outage, is_unstorable_text
from storeroom.errors import (
    Invalid,
    MalformedBody,
    MethodNotAllowed,
    NotFound,
    StoreroomError,
    TooLarge,
    Unavailable,
    UnsupportedMediaType,
)

logger = logging.getLogger("storeroom.errors")

ErrorRecorder = Callable[[Request[Any, Any, Any], BaseException, str], Awaitable[None]]

DJBLETS_CODES = {
    "not_authenticated": 103,
    "login_failed": 104,
    "forbidden": 101,
    "not_found": 100,
    "invalid": 105,
    "malformed": 102,
    "conflict": 111,
    "too_large": 105,
    "unsupported_media_type": 105,
    "rate_limited": 114,
    "unavailable": 1,
    "server_error": 900,
}
STATUS_ERRORS: dict[int, type[StoreroomError]] = {
    404: NotFound,
    405: MethodNotAllowed,
    413: TooLarge,
    415: UnsupportedMediaType,
}


def domain_error(exc: Exception) -> StoreroomError | None:
    """The domain error a framework exception stands for; None for a server fault."""
    if isinstance(exc, StoreroomError):
        return exc
    if isinstance(exc, BadDialectError):
        return Invalid.field("X-API-Dialect", str(exc))
    if isinstance(exc, ValidationException):
        return _from_validation(exc)
    if is_unstorable_text(exc):
        return Invalid(general=[NULL_CHARACTERS])
    if is_invalid_pattern(exc):
        return Invalid(general=["Enter a valid regular expression."])
    if is_outage(exc):
        return Unavailable("The database is unavailable. Try again shortly.")
    if isinstance(exc, HTTPException):
        kind = STATUS_ERRORS.get(exc.status_code)
        if kind is MethodNotAllowed:
            headers = {key.lower(): value for key, value in (exc.headers or {}).items()}
            allowed = headers.get("allow", "")
            return MethodNotAllowed(
                "Method not allowed.", tuple(part.strip() for part in allowed.split(","))
            )
        if kind is not None:
            return kind(None if exc.status_code == 404 else str(exc.detail))
        if 400 <= exc.status_code < 500:
            error = StoreroomError(str(exc.detail))
            error.status = exc.status_code  # type: ignore[misc]
            return error
    return None


def _from_validation(exc: ValidationException) -> StoreroomError:
    fields: dict[str, list[str]] = {}
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict) and item.get("key"):
            fields.setdefault(str(item["key"]), []).append(str(item.get("message", "Invalid.")))
    if fields:
        return Invalid(fields)
    if "JSON" in str(exc.detail) or "decode" in str(exc.detail).lower():
        return MalformedBody(f"JSON parse error - {exc.detail}")
    return Invalid(general=[str(exc.detail)])


def drf_body(error: StoreroomError) -> Any:
    if isinstance(error, Invalid):
        body: dict[str, list[str]] = dict(error.fields)
        if error.general:
            body["non_field_errors"] = list(error.general)
        return body
    return {"detail": error.message}


def deep_body(error: StoreroomError) -> Any:
    errors: dict[str, Any] = {}
    if isinstance(error, Invalid):
        errors = {camel(name): " ".join(messages) for name, messages in error.fields.items()}
        if error.general:
            errors["nonFieldErrors"] = list(error.general)
    else:
        # DEEP has no `detail`: a message about no one field is a non-field error.
        errors = {"nonFieldErrors": [error.message]}
    return {
        "timestamp": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "errorCode": error.status,
        "errors": errors,
    }


def djblets_body(error: StoreroomError) -> Any:
    if isinstance(error, MethodNotAllowed):
        return None
    err: dict[str, Any] = {"code": DJBLETS_CODES.get(error.kind, 900), "msg": error.message}
    if isinstance(error, Invalid):
        err["msg"] = "One or more fields had errors"
        fields = dict(error.fields)
        if error.general:
            fields["__all__"] = list(error.general)
        return {"stat": "fail", "err": err, "fields": fields}
    if isinstance(error, MalformedBody):
        return {"stat": "fail", "err": err, "reason": error.message}
    return {"stat": "fail", "err": err}


def rbac_body(error: StoreroomError) -> Any:
    items = []
    if isinstance(error, Invalid):
        for name, messages in error.fields.items():
            items += [{"detail": text, "source": name, "status": error.status} for text in messages]
        items += [
            {"detail": text, "source": "non_field_errors", "status": error.status}
            for text in error.general
        ]
    else:
        items.append({"detail": error.message, "source": "detail", "status": error.status})
    return {"errors": items}


BODIES = {
    Dialect.DRF: drf_body,
    Dialect.DEEP: deep_body,
    Dialect.DJBLETS: djblets_body,
    Dialect.RBAC: rbac_body,
}


def error_headers(error: StoreroomError) -> dict[str, str]:
    headers: dict[str, str] = {}
    if error.status == 401:
        headers["WWW-Authenticate"] = 'Token realm="api"'
    if isinstance(error, MethodNotAllowed) and error.allowed:
        headers["Allow"] = ", ".join(error.allowed)
    retry_after = getattr(error, "retry_after", None)
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return headers


def render_error(
    request: Request[Any, Any, Any], error: StoreroomError, background: BackgroundTask | None = None
) -> Response[bytes]:
    dialect = dialect_of(request.scope)
    body = BODIES[dialect](error)
    headers = error_headers(error)
    if dialect is Dialect.DJBLETS and wants_xml(request):
        content = b"" if body is None else to_xml(body)
        media_type = "application/xml"
    else:
        content = b"" if body is None else msgspec.json.encode(body)
        media_type = "application/json"
    return Response(
        content=content,
        status_code=error.status,
        media_type=media_type,
        headers=headers,
        background=background,
    )


def wants_xml(request: Request[Any, Any, Any]) -> bool:
    if request.query_params.get("api_format") == "xml":
        return True
    accept = request.headers.get("accept", "")
    return "application/xml" in accept and "application/json" not in accept.split(",")[0]


def exception_handler(
    record: ErrorRecorder,
) -> Callable[[Request[Any, Any, Any], Exception], Response[bytes]]:
    """The one handler for every exception; server faults are logged and recorded."""

    def handle(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
        error = domain_error(exc)
        if error is not None:
            if isinstance(error, Unavailable):
                # An outage is not a fault to report (nor could it be stored): one line per request.
                logger.warning("%s %s: %r", request.method, request.url.path, exc)
            return render_error(request, error)
        logger.error("Unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        trace = "".join(traceback.format_exception(exc))
        fault = StoreroomError(
            "A server error occurred. It has been recorded for the administrators."
        )
        return render_error(request, fault, BackgroundTask(record, request, exc, trace))

    return handle
