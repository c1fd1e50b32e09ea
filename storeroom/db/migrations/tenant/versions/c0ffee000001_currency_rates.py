"""currency rates

Revision ID: c0ffee000001
Revises: 3f92d10be5f7
Create Date: 2026-11-27 04:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storeroom.db.metadata


revision: str = 'c0ffee000001'
# Written by hand; re-chain after the newest tenant revision if another lands first.
down_revision: str | None = '3f92d10be5f7'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('currency_rate',
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('rate', sa.String(length=40), nullable=False),
    sa.Column('base_currency', sa.String(length=3), nullable=False),
    sa.Column('fetched', storeroom.db.metadata.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('currency', name=op.f('pk_currency_rate')),
    schema='tenant'
    )


def downgrade() -> None:
    op.drop_table('currency_rate', schema='tenant')
