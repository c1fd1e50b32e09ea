"""The importer's tables, one set per tenant: sessions, their column mappings and their rows."""

from __future__ import annotations

import sqlalchemy as sa

from storeroom.db.metadata import UTCDateTime, tenant_metadata

import_session_table = sa.Table(
    "import_session",
    tenant_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("timestamp", UTCDateTime(), nullable=False),
    sa.Column("model_type", sa.String(100), nullable=False),
    sa.Column("status", sa.Integer, nullable=False, index=True),
    sa.Column("data_file", sa.String(255), nullable=False),
    # Where the upload is kept, relative to the data directory.
    sa.Column("stored_file", sa.String(500), nullable=False),
    sa.Column("user_id", sa.Integer, nullable=True),
    # The user as they were when the session was made (users live in the platform database).
    sa.Column("user_detail", sa.JSON, nullable=True),
    sa.Column("columns", sa.JSON, nullable=True),
    sa.Column("field_defaults", sa.JSON, nullable=True),
    sa.Column("field_overrides", sa.JSON, nullable=True),
    sa.Column("field_filters", sa.JSON, nullable=True),
    sa.Column("row_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("completed_row_count", sa.Integer, nullable=False, server_default="0"),
    # Why the file could not be used; a session with an error is final.
    sa.Column("error", sa.Text, nullable=True),
    # The background step's heartbeat: a session at 0 or 20 whose heartbeat stopped is resumed.
    sa.Column("heartbeat", UTCDateTime(), nullable=False),
)

import_column_mapping_table = sa.Table(
    "import_column_mapping",
    tenant_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "session",
        sa.Integer,
        sa.ForeignKey("tenant.import_session.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("field", sa.String(100), nullable=False),
    sa.Column("column", sa.String(100), nullable=False, server_default=""),
    sa.Column("label", sa.String(200), nullable=False, server_default=""),
    sa.Column("description", sa.String(500), nullable=False, server_default=""),
)

import_row_table = sa.Table(
    "import_row",
    tenant_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "session",
        sa.Integer,
        sa.ForeignKey("tenant.import_session.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("row_index", sa.Integer, nullable=False),
    sa.Column("row_data", sa.JSON, nullable=True),
    sa.Column("data", sa.JSON, nullable=True),
    sa.Column("errors", sa.JSON, nullable=True),
    sa.Column("valid", sa.Boolean, nullable=False),
    sa.Column("complete", sa.Boolean, nullable=False),
    sa.Index("ix_import_row_session_row_index", "session", "row_index"),
    # A session's rows in pk order (the row list by pk, accept_rows' id lists) without a sort or
    # a scan of the whole session.
    sa.Index("ix_import_row_session_id", "session", "id"),
)
