"""`POST /api/email/generate/` (email a login link) and `GET /api/auth/magic/{token}/` (use it)."""

from __future__ import annotations

from litestar import Response, get
from litestar.datastructures import Cookie

from storeroom.api.actions import ActionCall, action
from storeroom.api.context import Context
from storeroom.api.openapi_pending import LoggedIn
from storeroom.api.openapi_structs import OperationSchema
from storeroom.auth.mechanisms import CSRF_COOKIE, SESSION_COOKIE
from storeroom.mail import service
from storeroom.mail.mailers import mailer_for
from storeroom.mail.schemas import GetSimpleLogin, LinkRequested
from storeroom.users import service as users


async def email_login_link(call: ActionCall[GetSimpleLogin]) -> LinkRequested:
    """Email a single-use login link to the address, if a user has it; always answers "ok"
    with the address as it was sent (the contract's `email`), known or not."""
    email = service.checked_email(call.body.email)
    settings = call.settings
    # After the answer is sent: how long the lookup and the SMTP exchange take must not tell
    # whether the address is known.
    call.later(
        service.send_magic_links, call.context.databases, settings, mailer_for(settings), email
    )
    return LinkRequested(status="ok", email=email)


EMAIL_LINK = action(
    "/api/email/",
    "generate",
    body=GetSimpleLogin,
    response=LinkRequested,
    status_code=200,
    run=email_login_link,
)


@get(
    "/auth/magic/{token:str}/",
    name="magic-link-login",
    operation_id="auth_magic_retrieve",
    opt={"schema": OperationSchema(response=LoggedIn)},
)
async def log_in_by_link(context: Context) -> Response[bytes]:
    """Log in with an emailed link, once; a session starts as with /api/auth/login/."""
    token = context.path_param("token")
    async with context.databases.platform_transaction() as connection:
        identity = await service.redeem_magic_link(connection, token)
        key, csrf = await users.start_session(
            connection, identity, context.settings.session_age_seconds
        )
        user = await users.me(connection, identity)
    response = context.render({"detail": "Logged in.", "user": user, "csrftoken": csrf})
    age = context.settings.session_age_seconds
    response.set_cookie(
        Cookie(key=SESSION_COOKIE, value=key, max_age=age, httponly=True, samesite="lax")
    )
    response.set_cookie(
        Cookie(key=CSRF_COOKIE, value=csrf, max_age=age, httponly=False, samesite="lax")
    )
    return response


routes = [EMAIL_LINK.route, log_in_by_link]
