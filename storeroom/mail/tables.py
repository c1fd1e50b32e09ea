"""The magic-link table (platform): one row per login link sent, its token stored only as a hash."""

from __future__ import annotations

import sqlalchemy as sa

from storeroom.auth.tables import user_table
from storeroom.db.metadata import UTCDateTime, platform_metadata

magic_link_table = sa.Table(
    "magic_link",
    platform_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "user_id", sa.ForeignKey(user_table.c.id, ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created", UTCDateTime(), nullable=False),
    sa.Column("expires", UTCDateTime(), nullable=False),
    sa.Column("used", sa.Boolean, nullable=False, server_default=sa.false()),
)
