"""The domain errors. Services raise them; `api/error_rendering.py` renders each in the dialect of
the request. Nothing here knows about HTTP beyond the status number each kind maps to.

    StoreroomError (500)
    ├── Invalid (400)           fields: {field: [messages]}, general: [messages]
    ├── MalformedBody (400)     the body could not be parsed at all
    ├── NotAuthenticated (401)
    ├── LoginFailed (401)
    ├── Forbidden (403)
    ├── NotFound (404)
    ├── MethodNotAllowed (405)
    ├── Conflict (409)
    ├── TooLarge (413)
    ├── UnsupportedMediaType (415)
    ├── RateLimited (429)       retry_after seconds
    └── Unavailable (503)
"""

from __future__ import annotations

from typing import ClassVar


class StoreroomError(Exception):
    status: ClassVar[int] = 500
    kind: ClassVar[str] = "server_error"
    default_message: ClassVar[str] = "A server error occurred."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class Invalid(StoreroomError):
    status = 400
    kind = "invalid"
    default_message = "Invalid input."

    def __init__(
        self,
        fields: dict[str, list[str]] | None = None,
        general: list[str] | None = None,
    ) -> None:
        self.fields = fields or {}
        self.general = general or []
        first = next(iter(self.fields.values()), None) or self.general or [self.default_message]
        super().__init__(first[0])

    @classmethod
    def field(cls, name: str, message: str) -> Invalid:
        return cls({name: [message]})


class MalformedBody(StoreroomError):
    status = 400
    kind = "malformed"
    default_message = "Malformed request body."


class NotAuthenticated(StoreroomError):
    status = 401
    kind = "not_authenticated"
    default_message = "Authentication credentials were not provided."


class LoginFailed(StoreroomError):
    status = 401
    kind = "login_failed"
    default_message = "Invalid username/password."


class Forbidden(StoreroomError):
    status = 403
    kind = "forbidden"
    default_message = "You do not have permission to perform this action."


class NotFound(StoreroomError):
    status = 404
    kind = "not_found"
    default_message = "Not found."


class MethodNotAllowed(StoreroomError):
    status = 405
    kind = "method_not_allowed"
    default_message = "Method not allowed."

    def __init__(self, message: str | None = None, allowed: tuple[str, ...] = ()) -> None:
        self.allowed = allowed
        super().__init__(message)


class Conflict(StoreroomError):
    status = 409
    kind = "conflict"
    default_message = "The request conflicts with the current state."


class TooLarge(StoreroomError):
    status = 413
    kind = "too_large"
    default_message = "Request body is too large."


class UnsupportedMediaType(StoreroomError):
    status = 415
    kind = "unsupported_media_type"
    default_message = "Unsupported media type in request."


class RateLimited(StoreroomError):
    status = 429
    kind = "rate_limited"
    default_message = "Request was throttled."

    def __init__(self, message: str | None = None, retry_after: int = 60) -> None:
        self.retry_after = retry_after
        super().__init__(message or f"Request was throttled. Try again in {retry_after} seconds.")


class Unavailable(StoreroomError):
    status = 503
    kind = "unavailable"
    default_message = "A service this request needs is unavailable."
