"""The five ways a request authenticates, tried in the order of docs/api-behaviour.md
("Authentication"): token, Basic, identity header, system-user headers, session cookie. The
first that presents credentials decides; a mechanism that fails does not fall through to the next.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from storeroom.auth.accounts import USER_COLUMNS, create_user, find_user_id
from storeroom.auth.identity import Identity
from storeroom.auth.login_limits import LoginLimiter
from storeroom.auth.permissions import RuleReader
from storeroom.auth.secrets import PasswordChecker, hash_key, same_hash
from storeroom.auth.tables import session_table, token_table, user_table
from storeroom.db.engines import Databases, check_account
from storeroom.db.fastread import FastReader, compile_read
from storeroom.db.tenancy import Tenants
from storeroom.errors import Invalid, LoginFailed, NotAuthenticated, NotFound
from storeroom.settings import Settings

SESSION_COOKIE = "sessionid"
CSRF_COOKIE = "csrftoken"
CSRF_HEADER = b"x-csrftoken"


def _identity(row: tuple[Any, ...], via: str, **extra: Any) -> Identity:
    user_id, username, account, email, first, last, active, staff, superuser = row[:9]
    return Identity(
        user_id=user_id,
        username=username,
        account=account,
        email=email,
        first_name=first,
        last_name=last,
        is_active=bool(active),
        is_staff=bool(staff),
        is_superuser=bool(superuser),
        via=via,
        **extra,
    )


class Authenticator:
    """Turns a request's headers into an Identity (or None when it presents no credentials)."""

    def __init__(
        self, settings: Settings, databases: Databases, reader: FastReader, tenants: Tenants
    ) -> None:
        self.settings = settings
        self.databases = databases
        self.reader = reader
        self.tenants = tenants
        self.rules = RuleReader(reader)
        self._identity_users: dict[tuple[str, str], int] = {}
        self.limiter = LoginLimiter(settings.login_attempts_per_minute, settings.rate_limit_storage)
        self.passwords = PasswordChecker()
        dialect = databases.platform.dialect
        self._by_token = compile_read(
            sa.select(*USER_COLUMNS, token_table.c.expiry)
            .join(user_table, user_table.c.id == token_table.c.user_id)
            .where(token_table.c.key_hash == sa.bindparam("key_hash"), ~token_table.c.revoked),
            dialect,
        )
        self._by_session = compile_read(
            sa.select(
                *USER_COLUMNS,
                session_table.c.expires,
                session_table.c.id,
                session_table.c.csrf_hash,
            )
            .join(user_table, user_table.c.id == session_table.c.user_id)
            .where(session_table.c.key_hash == sa.bindparam("key_hash")),
            dialect,
        )
        self._by_name = compile_read(
            sa.select(*USER_COLUMNS, user_table.c.password_hash).where(
                # Usernames are one whatever their case, as InvenTree's (django-allauth) are.
                sa.func.lower(user_table.c.username) == sa.func.lower(sa.bindparam("username")),
                user_table.c.password_hash != "",
            ),
            dialect,
        )
        self._by_id = compile_read(
            sa.select(*USER_COLUMNS).where(user_table.c.id == sa.bindparam("user_id")), dialect
        )
        self.system_keys = dict(
            pair.split("=", 1) for pair in settings.system_user_keys.split(",") if "=" in pair
        )

    async def close(self) -> None:
        await self.limiter.close()

    async def authenticate(self, headers: dict[bytes, bytes], client: str) -> Identity | None:
        authorization = headers.get(b"authorization", b"").decode("latin-1").strip()
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() == "token" and credentials:
            return await self.by_token(credentials.strip())
        if scheme.lower() == "basic" and credentials:
            return await self.by_basic(credentials.strip(), client)
        if self.settings.identity_header_enabled and b"x-rh-identity" in headers:
            return await self.by_identity_header(headers[b"x-rh-identity"])
        if self.system_keys and b"x-rh-rbac-psk" in headers:
            return await self.by_system_headers(headers)
        cookie = cookie_value(headers.get(b"cookie", b""), SESSION_COOKIE)
        if cookie:
            return await self.by_session(cookie)
        return None

    async def by_token(self, key: str) -> Identity:
        rows = await self.reader.fetch_platform(self._by_token, {"key_hash": hash_key(key)})
        if not rows:
            raise NotAuthenticated("Invalid token.")
        expiry = rows[0][9]
        if expiry is not None and expiry <= datetime.now(UTC):
            raise NotAuthenticated("Token has expired.")
        return self._active(_identity(rows[0], "token"))

    async def by_basic(self, encoded: str, client: str) -> Identity:
        try:
            username, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            raise NotAuthenticated("Invalid basic header.") from None
        return await self.by_password(username, password, client)

    async def by_password(self, username: str, password: str, client: str) -> Identity:
        rows = await self.reader.fetch_platform(self._by_name, {"username": username})
        found = same_name(rows, username)
        password_hash = found[9] if found is not None else ""
        if found is not None and self.passwords.remembers(username, password, password_hash):
            return self._active(_identity(found, "basic"))
        async with self.limiter.attempt(username, client) as attempt:
            # An unknown name is checked against a dummy hash: timing does not tell it apart.
            matches = await self.passwords.verify(username, password, password_hash)
            if found is None or not matches:
                attempt.failed = True
                raise LoginFailed("Invalid username/password.")
        return self._active(_identity(found, "basic"))

    async def by_session(self, key: str) -> Identity:
        rows = await self.reader.fetch_platform(self._by_session, {"key_hash": hash_key(key)})
        if not rows or rows[0][9] <= datetime.now(UTC):
            raise NotAuthenticated("Session has expired; log in again.")
        row = rows[0]
        return self._active(_identity(row, "session", session_id=row[10], csrf_hash=row[11]))

    async def by_identity_header(self, raw: bytes) -> Identity:
        document = decode_identity_header(raw)
        identity = document["identity"]
        user = identity["user"]
        account = await self.tenants.ensure(str(identity["account_number"]))
        username = str(user["username"])
        is_admin = bool(user.get("is_org_admin", False))
        user_id = await self._identity_user(account, username, str(user.get("email") or ""))
        rows = await self.reader.fetch_platform(self._by_id, {"user_id": user_id})
        if not rows:
            # The cached user was deleted since (perhaps with its tenant, by another process):
            # make them again, as on first sight.
            self._identity_users.pop((account, username), None)
            self.tenants.forget(account)
            await self.tenants.ensure(account)
            user_id = await self._identity_user(account, username, str(user.get("email") or ""))
            rows = await self.reader.fetch_platform(self._by_id, {"user_id": user_id})
        found = _identity(rows[0], "identity")
        # Org admins of the account administer its tenant.
        return self._active(
            replace(
                found,
                is_staff=is_admin or found.is_staff,
                is_superuser=is_admin or found.is_superuser,
            )
        )

    async def _identity_user(self, account: str, username: str, email: str) -> int:
        # Users are never moved between accounts, so their id is cached; a deleted user is found
        # missing by the read that follows (by_identity_header) and made again.
        cached = self._identity_users.get((account, username))
        if cached is not None:
            return cached
        found = await self._find_or_create(account, username, email)
        if len(self._identity_users) > 100_000:
            self._identity_users.clear()
        self._identity_users[(account, username)] = found
        return found

    async def _find_or_create(self, account: str, username: str, email: str) -> int:
        async with self.databases.platform.begin() as connection:
            found = await find_user_id(connection, account, username)
            if found is not None:
                return found
        try:
            async with self.databases.platform.begin() as connection:
                return await create_user(connection, account, username, email=email)
        except IntegrityError:
            # Another request created the same user first.
            async with self.databases.platform.begin() as connection:
                found = await find_user_id(connection, account, username)
        if found is None:
            raise NotAuthenticated("Could not create the identity's user.")
        return found

    async def by_system_headers(self, headers: dict[bytes, bytes]) -> Identity:
        client_id = headers.get(b"x-rh-rbac-client-id", b"").decode("latin-1")
        key = headers.get(b"x-rh-rbac-psk", b"").decode("latin-1")
        expected = self.system_keys.get(client_id)
        if not expected or not hmac.compare_digest(expected.encode(), key.encode()):
            raise NotAuthenticated("Invalid pre-shared key for this client id.")
        account = headers.get(b"x-rh-rbac-account", b"").decode("latin-1").strip().lower()
        if not account or not await self.tenants.exists(account):
            raise NotFound(f"No tenant for account {account!r}.")
        return Identity(
            user_id=0,
            username=client_id,
            account=account,
            is_staff=True,
            is_superuser=True,
            is_system=True,
            via="system",
        )

    @staticmethod
    def _active(identity: Identity) -> Identity:
        if not identity.is_active:
            raise NotAuthenticated("User inactive or deleted.")
        return identity


def same_name(rows: list[tuple[Any, ...]], username: str) -> tuple[Any, ...] | None:
    """The user a login names: the one spelled exactly so, else the only one whose name differs in
    case (names made before case was ignored may differ only in case: then none is guessed)."""
    exact = [row for row in rows if row[1] == username]
    if exact:
        return exact[0]
    return rows[0] if len(rows) == 1 else None


def csrf_ok(identity: Identity, headers: dict[bytes, bytes]) -> bool:
    """Cookie-authenticated writes must echo the session's CSRF token in X-CSRFToken."""
    sent = headers.get(CSRF_HEADER, b"").decode("latin-1")
    return bool(sent) and same_hash(hash_key(sent), identity.csrf_hash)


def cookie_value(raw: bytes, name: str) -> str:
    for part in raw.decode("latin-1").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


def decode_identity_header(raw: bytes) -> dict[str, Any]:
    """The identity document; a 401 with a clear message for anything malformed."""
    text = raw.decode("latin-1").strip()
    try:
        decoded = base64.b64decode(text, validate=True)
    except binascii.Error:
        try:
            decoded = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
        except binascii.Error:
            raise NotAuthenticated("The x-rh-identity header is not valid base64.") from None
    try:
        document = msgspec.json.decode(decoded)
    except msgspec.DecodeError:
        raise NotAuthenticated("The x-rh-identity header is not UTF-8 JSON.") from None
    except RecursionError:
        raise NotAuthenticated("The x-rh-identity header is nested too deeply.") from None
    if not isinstance(document, dict) or not isinstance(document.get("identity"), dict):
        raise NotAuthenticated("The x-rh-identity header must be a JSON object with 'identity'.")
    identity = document["identity"]
    if not identity.get("account_number"):
        raise NotAuthenticated("The x-rh-identity header lacks identity.account_number.")
    user = identity.get("user")
    if not isinstance(user, dict) or not user.get("username"):
        raise NotAuthenticated("The x-rh-identity header lacks identity.user.username.")
    check_identity_user(user)
    try:
        # Text or a number; str() of a deep array could itself run out of stack.
        if not isinstance(identity["account_number"], str | int):
            raise Invalid.field("account_number", "Not text.")
        identity["account_number"] = account = str(identity["account_number"])
        check_account(account)
    except Invalid:
        raise NotAuthenticated("identity.account_number is not a valid account.") from None
    return document


def check_identity_user(user: dict[str, Any]) -> None:
    """The header's username and email, text the user table can hold (PostgreSQL refuses longer
    text with an error, so a gateway's odd header was a 500)."""
    for name in ("username", "email"):
        value = user.get(name)
        if value is None:
            continue
        if not isinstance(value, str | int):
            raise NotAuthenticated(f"identity.user.{name} in the x-rh-identity header is not text.")
        column_type = user_table.c[name].type
        limit = column_type.length if isinstance(column_type, sa.String) else None
        if limit is not None and len(str(value)) > limit:
            raise NotAuthenticated(
                f"identity.user.{name} in the x-rh-identity header is longer than {limit} "
                "characters."
            )
