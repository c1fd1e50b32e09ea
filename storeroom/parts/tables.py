"""The tables the parts capability owns beyond the declared models: a part's pricing overrides."""

from __future__ import annotations

import sqlalchemy as sa

from storeroom.db.metadata import TENANT_SCHEMA, tenant_metadata

# A part's pricing overrides (InvenTree's PartPricing.override_min/max): one row per part, made
# when an override is first written.
part_pricing_table = sa.Table(
    "partpricing",
    tenant_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "part",
        sa.Integer,
        sa.ForeignKey(f"{TENANT_SCHEMA}.part.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    sa.Column("override_min", sa.Numeric(15, 5), nullable=True),
    sa.Column("override_min_currency", sa.String(3), nullable=False, server_default=""),
    sa.Column("override_max", sa.Numeric(15, 5), nullable=True),
    sa.Column("override_max_currency", sa.String(3), nullable=False, server_default=""),
)
