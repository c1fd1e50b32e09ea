"""orders: responsible owner and barcode hash of purchase, sales and return orders (issue #17)

Revision ID: c0ffee000013
Revises: c0ffee000012
Create Date: 2026-12-02 16:35:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "c0ffee000013"
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = "c0ffee000012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORDERS = ("purchaseorder", "salesorder", "returnorder")


def tenant_schema() -> str | None:
    """The tenant's real schema: Alembic's ALTER statements skip the schema_translate_map that
    turns the placeholder `tenant` into it (CREATE TABLE goes through it)."""
    return op.get_context().version_table_schema


def upgrade() -> None:
    for name in ORDERS:
        op.add_column(
            name, sa.Column("responsible", sa.Integer(), nullable=True), schema=tenant_schema()
        )
        op.add_column(
            name,
            sa.Column("barcode_hash", sa.String(length=128), server_default="", nullable=False),
            schema=tenant_schema(),
        )


def downgrade() -> None:
    for name in ORDERS:
        with op.batch_alter_table(name, schema=tenant_schema()) as batch:
            batch.drop_column("barcode_hash")
            batch.drop_column("responsible")
