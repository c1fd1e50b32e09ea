"""`/api/auth/login/`, `/api/auth/logout/`, `/api/user/token/` and `/api/user/me/`."""

from __future__ import annotations

from litestar import Response, delete, get, patch, post, put
from litestar.datastructures import Cookie

from storeroom.api.context import Context, RequestContext
from storeroom.auth.identity import Identity
from storeroom.auth.mechanisms import CSRF_COOKIE, SESSION_COOKIE
from storeroom.errors import Forbidden, Invalid
from storeroom.users import service
from storeroom.users.owner_routes import routes as owner_routes


def _client(context: RequestContext) -> str:
    client = context.request.client
    return client.host if client else "unknown"


def _no_system_user(identity: Identity) -> None:
    if identity.is_system:
        raise Forbidden("System users have no user record.")


@post("/auth/login/", name="login", operation_id="auth_login_create", status_code=200)
async def login(context: Context) -> Response[bytes]:
    api = context.api
    body = await context.body()
    password = body.get("password")
    username = body.get("username") or body.get("email")
    if not isinstance(password, str) or not password:
        raise Invalid.field("password", "This field is required.")
    if not isinstance(username, str) or not username:
        raise Invalid.field("username", "This field is required.")
    identity = await api.authenticator.by_password(username, password, _client(context))
    async with api.databases.platform_transaction() as connection:
        key, csrf = await service.start_session(
            connection, identity, api.settings.session_age_seconds
        )
        user = await service.me(connection, identity)
    response = context.render({"detail": "Logged in.", "user": user, "csrftoken": csrf})
    age = context.settings.session_age_seconds
    response.set_cookie(
        Cookie(key=SESSION_COOKIE, value=key, max_age=age, httponly=True, samesite="lax")
    )
    response.set_cookie(
        Cookie(key=CSRF_COOKIE, value=csrf, max_age=age, httponly=False, samesite="lax")
    )
    return response


async def _logout(context: RequestContext) -> Response[bytes]:
    identity = context.identity
    if identity is not None:
        authorization = context.request.headers.get("authorization", "")
        scheme, _, token = authorization.partition(" ")
        async with context.databases.platform_transaction() as connection:
            await service.end_session(
                connection, identity, token.strip() if scheme.lower() == "token" else None
            )
    response = context.render({"detail": "Logged out."})
    response.delete_cookie(SESSION_COOKIE)
    response.delete_cookie(CSRF_COOKIE)
    return response


@get("/auth/logout/", name="logout-get", operation_id="auth_logout_retrieve")
async def logout_get(context: Context) -> Response[bytes]:
    return await _logout(context)


@post("/auth/logout/", name="logout", operation_id="auth_logout_create", status_code=200)
async def logout_post(context: Context) -> Response[bytes]:
    return await _logout(context)


@get("/user/token/", name="user-token", operation_id="user_token_retrieve")
async def user_token(context: Context) -> Response[bytes]:
    identity = context.signed_in
    name = context.query.get("name") or ""
    async with context.databases.platform_transaction() as connection:
        issued = await service.issue_token(connection, identity, name)
    return context.render(issued)


@get("/user/me/", name="user-me", operation_id="user_me_retrieve")
async def read_me(context: Context) -> Response[bytes]:
    identity = context.signed_in
    _no_system_user(identity)
    async with context.databases.platform_transaction() as connection:
        return context.render(await service.me(connection, identity))


async def _write_me(context: RequestContext, partial: bool) -> Response[bytes]:
    identity = context.signed_in
    _no_system_user(identity)
    body = await context.body()
    async with context.databases.platform_transaction() as connection:
        return context.render(await service.update_me(connection, identity, body, partial))


@put("/user/me/", name="user-me-update", operation_id="user_me_update")
async def replace_me(context: Context) -> Response[bytes]:
    return await _write_me(context, partial=False)


@patch("/user/me/", name="user-me-partial-update", operation_id="user_me_partial_update")
async def change_me(context: Context) -> Response[bytes]:
    return await _write_me(context, partial=True)


@delete("/user/me/", name="user-me-delete", operation_id="user_me_destroy", status_code=204)
async def delete_me(context: Context) -> None:
    identity = context.signed_in
    _no_system_user(identity)
    async with context.databases.platform_transaction() as connection:
        await service.delete_me(connection, identity)


routes = [
    login,
    logout_get,
    logout_post,
    user_token,
    read_me,
    replace_me,
    change_me,
    delete_me,
    *owner_routes,
]
