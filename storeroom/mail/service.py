"""Magic-link login: emailing a single-use, expiring link to a known address, and redeeming it.

The request that asks for a link learns nothing: it answers the same for every well-formed address,
and the lookup, the link and the email all happen after the answer has been sent, so the time it
takes does not tell either. Tokens are stored only as hashes; redeeming one marks it used in the
same statement that checks it, so two clicks cannot both log in.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from storeroom.auth.accounts import USER_COLUMNS
from storeroom.auth.identity import Identity
from storeroom.auth.secrets import hash_key, new_key
from storeroom.auth.tables import user_table
from storeroom.db.engines import Databases
from storeroom.errors import Invalid, NotAuthenticated, Unavailable
from storeroom.mail.mailers import Mailer
from storeroom.mail.tables import magic_link_table
from storeroom.settings import Settings

logger = logging.getLogger("storeroom.mail")
# Beyond this many links an hour for one user, requests are answered as usual but send nothing.
LINKS_PER_HOUR = 5
RATE_WINDOW = timedelta(hours=1)
EMAIL = re.compile(r"^[^@\s]+@(localhost|[^@\s.]+(\.[^@\s.]+)+)$")
REFUSED = "This login link is invalid, has expired or has been used."


@dataclass(frozen=True, slots=True)
class MagicLink:
    user_id: int
    username: str
    account: str
    email: str
    url: str


def checked_email(email: str) -> str:
    """The address without surrounding spaces; Invalid unless it looks like one."""
    if len(email) > 254 or not EMAIL.match(email.strip()):
        raise Invalid.field("email", "Enter a valid email address.")
    return email.strip()


async def send_magic_links(
    databases: Databases, settings: Settings, mailer: Mailer, email: str
) -> None:
    """Email a login link to each active user with this address (one per tenant it is used in)."""
    async with databases.platform_transaction() as connection:
        links = await issue_links(connection, settings, email)
    for link in links:
        try:
            await mailer.send(compose(settings, link))
        except Unavailable as error:
            logger.error("Login link for user %s not sent: %s", link.user_id, error.message)


async def issue_links(
    connection: AsyncConnection, settings: Settings, email: str
) -> list[MagicLink]:
    now = datetime.now(UTC)
    found = await connection.execute(
        sa.select(
            user_table.c.id, user_table.c.username, user_table.c.account, user_table.c.email
        ).where(sa.func.lower(user_table.c.email) == email.lower(), user_table.c.is_active)
    )
    users = found.all()
    recent = await _recent_links(connection, [user.id for user in users], now)
    links, rows = [], []
    for user in users:
        if recent.get(user.id, 0) >= LINKS_PER_HOUR:
            logger.warning("Login link for user %s not sent: too many this hour.", user.id)
            continue
        token = new_key()
        expires = now + timedelta(minutes=settings.magic_link_minutes)
        rows.append(
            {"user_id": user.id, "token_hash": hash_key(token), "created": now, "expires": expires}
        )
        url = f"{settings.site_url.rstrip('/')}/api/auth/magic/{token}/"
        links.append(MagicLink(user.id, user.username, user.account, user.email, url))
    if rows:
        await connection.execute(sa.insert(magic_link_table), rows)
    return links


async def _recent_links(
    connection: AsyncConnection, user_ids: list[int], now: datetime
) -> dict[int, int]:
    """How many links each user was sent within the rate window; older spent ones are deleted."""
    if not user_ids:
        return {}
    link = magic_link_table.c
    await connection.execute(
        sa.delete(magic_link_table).where(
            link.user_id.in_(user_ids), link.created < now - RATE_WINDOW, link.expires < now
        )
    )
    counts = await connection.execute(
        sa.select(link.user_id, sa.func.count().label("links"))
        .where(link.user_id.in_(user_ids), link.created >= now - RATE_WINDOW)
        .group_by(link.user_id)
    )
    return {row.user_id: row.links for row in counts}


def compose(settings: Settings, link: MagicLink) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    # The address as the user record has it, not as the request spelled it.
    message["To"] = link.email
    message["Subject"] = f"Your {settings.instance_name} login link"
    message.set_content(
        f"Hello {link.username},\n\n"
        f"Open this link to log in to {settings.instance_name} (account {link.account}):\n\n"
        f"{link.url}\n\n"
        f"It works once, within {settings.magic_link_minutes} minutes. If you did not ask for "
        "it, ignore this email: nobody can log in without the link.\n"
    )
    return message


async def redeem_magic_link(connection: AsyncConnection, token: str) -> Identity:
    """The user the link logs in; the link is spent. Unknown, used or expired: 401."""
    spent = await connection.execute(
        sa.update(magic_link_table)
        .where(
            magic_link_table.c.token_hash == hash_key(token),
            ~magic_link_table.c.used,
            magic_link_table.c.expires > datetime.now(UTC),
        )
        .values(used=True)
        .returning(magic_link_table.c.user_id)
    )
    user_id = spent.scalar_one_or_none()
    if user_id is None:
        raise NotAuthenticated(REFUSED)
    row = (
        await connection.execute(sa.select(*USER_COLUMNS).where(user_table.c.id == user_id))
    ).one()
    if not row.is_active:
        raise NotAuthenticated("User inactive or deleted.")
    return Identity(
        user_id=row.id,
        username=row.username,
        account=row.account,
        email=row.email,
        first_name=row.first_name,
        last_name=row.last_name,
        is_active=row.is_active,
        is_staff=row.is_staff,
        is_superuser=row.is_superuser,
        via="session",
    )
