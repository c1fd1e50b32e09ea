"""The attachment table, one per tenant."""

from __future__ import annotations

import sqlalchemy as sa

from storeroom.db.metadata import tenant_metadata

attachment_table = sa.Table(
    "attachment",
    tenant_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("model_type", sa.String(100), nullable=False),
    sa.Column("model_id", sa.Integer, nullable=False),
    # `<32 hex digits>/<safe name>` in the tenant's storage; NULL for a link.
    sa.Column("storage_key", sa.String(400), nullable=True),
    # The name shown (the upload's own name, without path parts or control characters).
    sa.Column("filename", sa.String(255), nullable=False, server_default=""),
    sa.Column("link", sa.String(200), nullable=True),
    sa.Column("comment", sa.String(250), nullable=False, server_default=""),
    sa.Column("upload_date", sa.Date, nullable=False),
    sa.Column("upload_user", sa.Integer, nullable=True),
    # The user as they were at upload (users live in the platform database).
    sa.Column("user_detail", sa.JSON, nullable=True),
    sa.Column("file_size", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("content_type", sa.String(255), nullable=False, server_default=""),
    sa.Column("tags", sa.JSON, nullable=False),
    sa.Column("metadata", sa.JSON, nullable=True),
    sa.Index("ix_attachment_target", "model_type", "model_id"),
    sa.Index("ix_attachment_upload_user", "upload_user"),
)
