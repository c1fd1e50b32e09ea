"""The error report table, one per tenant."""

from __future__ import annotations

import sqlalchemy as sa

from storeroom.db.metadata import UTCDateTime, tenant_metadata

error_report_table = sa.Table(
    "error_report",
    tenant_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("when", UTCDateTime(), nullable=False, index=True),
    sa.Column("info", sa.Text, nullable=False),
    sa.Column("data", sa.Text, nullable=True),
    sa.Column("path", sa.String(200), nullable=True),
)
