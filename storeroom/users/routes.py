"""`/api/auth/login/`, `/api/auth/logout/`, `/api/user/token/` and `/api/user/me/`."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, get, patch, post, put
from litestar.datastructures import Cookie

from storeroom.api.bodies import read_body
from storeroom.api.context import api_context, require_identity
from storeroom.api.routes import render
from storeroom.auth.identity import Identity
from storeroom.auth.mechanisms import CSRF_COOKIE, SESSION_COOKIE
from storeroom.errors import Forbidden, Invalid
from storeroom.users import service

AnyRequest = Request[Any, Any, Any]


def _client(request: AnyRequest) -> str:
    return request.client.host if request.client else "unknown"


def _no_system_user(identity: Identity) -> None:
    if identity.is_system:
        raise Forbidden("System users have no user record.")


@post("/auth/login/", name="login", operation_id="auth_login_create", status_code=200)
async def login(request: AnyRequest) -> Response[bytes]:
    context = api_context(request)
    body = await read_body(request)
    password = body.get("password")
    username = body.get("username") or body.get("email")
    if not isinstance(password, str) or not password:
        raise Invalid.field("password", "This field is required.")
    if not isinstance(username, str) or not username:
        raise Invalid.field("username", "This field is required.")
    identity = await context.authenticator.by_password(username, password, _client(request))
    async with context.databases.platform_transaction() as connection:
        key, csrf = await service.start_session(
            connection, identity, context.settings.session_age_seconds
        )
        user = await service.me(connection, identity)
    response = render(request, {"detail": "Logged in.", "user": user, "csrftoken": csrf})
    age = context.settings.session_age_seconds
    response.set_cookie(
        Cookie(key=SESSION_COOKIE, value=key, max_age=age, httponly=True, samesite="lax")
    )
    response.set_cookie(
        Cookie(key=CSRF_COOKIE, value=csrf, max_age=age, httponly=False, samesite="lax")
    )
    return response


async def _logout(request: AnyRequest) -> Response[bytes]:
    identity = request.scope.get("user")
    if isinstance(identity, Identity):
        authorization = request.headers.get("authorization", "")
        scheme, _, token = authorization.partition(" ")
        async with api_context(request).databases.platform_transaction() as connection:
            await service.end_session(
                connection, identity, token.strip() if scheme.lower() == "token" else None
            )
    response = render(request, {"detail": "Logged out."})
    response.delete_cookie(SESSION_COOKIE)
    response.delete_cookie(CSRF_COOKIE)
    return response


@get("/auth/logout/", name="logout-get", operation_id="auth_logout_retrieve")
async def logout_get(request: AnyRequest) -> Response[bytes]:
    return await _logout(request)


@post("/auth/logout/", name="logout", operation_id="auth_logout_create", status_code=200)
async def logout_post(request: AnyRequest) -> Response[bytes]:
    return await _logout(request)


@get("/user/token/", name="user-token", operation_id="user_token_retrieve")
async def user_token(request: AnyRequest) -> Response[bytes]:
    identity = require_identity(request)
    name = request.query_params.get("name") or ""
    async with api_context(request).databases.platform_transaction() as connection:
        issued = await service.issue_token(connection, identity, name)
    return render(request, issued)


@get("/user/me/", name="user-me", operation_id="user_me_retrieve")
async def read_me(request: AnyRequest) -> Response[bytes]:
    identity = require_identity(request)
    _no_system_user(identity)
    async with api_context(request).databases.platform_transaction() as connection:
        return render(request, await service.me(connection, identity))


async def _write_me(request: AnyRequest, partial: bool) -> Response[bytes]:
    identity = require_identity(request)
    _no_system_user(identity)
    body = await read_body(request)
    async with api_context(request).databases.platform_transaction() as connection:
        return render(request, await service.update_me(connection, identity, body, partial))


@put("/user/me/", name="user-me-update", operation_id="user_me_update")
async def replace_me(request: AnyRequest) -> Response[bytes]:
    return await _write_me(request, partial=False)


@patch("/user/me/", name="user-me-partial-update", operation_id="user_me_partial_update")
async def change_me(request: AnyRequest) -> Response[bytes]:
    return await _write_me(request, partial=True)


@delete("/user/me/", name="user-me-delete", operation_id="user_me_destroy", status_code=204)
async def delete_me(request: AnyRequest) -> None:
    identity = require_identity(request)
    _no_system_user(identity)
    async with api_context(request).databases.platform_transaction() as connection:
        await service.delete_me(connection, identity)


routes = [login, logout_get, logout_post, user_token, read_me, replace_me, change_me, delete_me]
