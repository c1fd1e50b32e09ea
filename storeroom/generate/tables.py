"""What generating remembers, in the tenant's database so that every worker process shares it:
serial numbers handed out but not yet used, and the batch code counter of each day."""

from __future__ import annotations

import sqlalchemy as sa

from storeroom.db.metadata import TENANT_SCHEMA, UTCDateTime, tenant_metadata

# `part` is the root of the variant family the serial was generated for: serials are unique
# across a family, so a reservation there holds the number for every part of it.
serial_reservation_table = sa.Table(
    "serial_reservation",
    tenant_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "part",
        sa.Integer,
        sa.ForeignKey(f"{TENANT_SCHEMA}.part.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("serial", sa.String(100), nullable=False),
    sa.Column("expires", UTCDateTime(), nullable=False),
    sa.UniqueConstraint("part", "serial"),
)

batch_code_counter_table = sa.Table(
    "batch_code_counter",
    tenant_metadata,
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
)
