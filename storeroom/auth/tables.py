"""The platform tables of authentication. Secrets are stored only as hashes."""

from __future__ import annotations

import sqlalchemy as sa

from storeroom.db.metadata import UTCDateTime, platform_metadata
from storeroom.db.tenancy import tenant_table

user_table = sa.Table(
    "user",
    platform_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "account",
        sa.String(48),
        sa.ForeignKey(tenant_table.c.account, ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("username", sa.String(150), nullable=False),
    sa.Column("email", sa.String(254), nullable=False, server_default=""),
    sa.Column("first_name", sa.String(150), nullable=False, server_default=""),
    sa.Column("last_name", sa.String(150), nullable=False, server_default=""),
    # Empty for users who never log in with a password (identity-header and system users).
    sa.Column("password_hash", sa.String(255), nullable=False, server_default=""),
    sa.Column("is_active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("is_staff", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("is_superuser", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("date_joined", UTCDateTime(), nullable=False),
    sa.Column("last_login", UTCDateTime(), nullable=True),
    sa.UniqueConstraint("account", "username"),
)

group_table = sa.Table(
    "group",
    platform_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "account",
        sa.String(48),
        sa.ForeignKey(tenant_table.c.account, ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("name", sa.String(150), nullable=False),
    sa.UniqueConstraint("account", "name"),
)

user_group_table = sa.Table(
    "user_group",
    platform_metadata,
    sa.Column("user_id", sa.ForeignKey(user_table.c.id, ondelete="CASCADE"), primary_key=True),
    sa.Column("group_id", sa.ForeignKey(group_table.c.id, ondelete="CASCADE"), primary_key=True),
)

# One row per (group, ruleset): the role a group grants on that ruleset.
rule_table = sa.Table(
    "group_rule",
    platform_metadata,
    sa.Column("group_id", sa.ForeignKey(group_table.c.id, ondelete="CASCADE"), primary_key=True),
    sa.Column("ruleset", sa.String(40), primary_key=True),
    sa.Column("can_view", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("can_add", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("can_change", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("can_delete", sa.Boolean, nullable=False, server_default=sa.false()),
)

token_table = sa.Table(
    "token",
    platform_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "user_id", sa.ForeignKey(user_table.c.id, ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("name", sa.String(100), nullable=False, server_default=""),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created", UTCDateTime(), nullable=False),
    sa.Column("expiry", UTCDateTime(), nullable=True),
    sa.Column("revoked", sa.Boolean, nullable=False, server_default=sa.false()),
)

session_table = sa.Table(
    "session",
    platform_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "user_id", sa.ForeignKey(user_table.c.id, ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("csrf_hash", sa.String(64), nullable=False),
    sa.Column("created", UTCDateTime(), nullable=False),
    sa.Column("expires", UTCDateTime(), nullable=False),
)
