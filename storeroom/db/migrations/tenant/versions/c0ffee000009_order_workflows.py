"""order workflows: allocations, shipments, receipts (issue #17)

Revision ID: c0ffee000009
Revises: c0ffee000008
Create Date: 2026-12-02 12:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'c0ffee000009'
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = 'c0ffee000008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('salesorderallocation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('item', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Float(), nullable=False),
    sa.Column('shipment', sa.Integer(), nullable=True),
    sa.Column('metadata', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['line'], ['tenant.salesorderlineitem.id'], name=op.f('fk_salesorderallocation_line_salesorderlineitem'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item'], ['tenant.stockitem.id'], name=op.f('fk_salesorderallocation_item_stockitem'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shipment'], ['tenant.salesordershipment.id'], name=op.f('fk_salesorderallocation_shipment_salesordershipment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_salesorderallocation')),
    schema='tenant'
    )
    for column in ('line', 'item', 'shipment'):
        op.create_index(op.f(f'ix_salesorderallocation_{column}_id'), 'salesorderallocation', [column, 'id'], unique=False, schema='tenant')


def downgrade() -> None:
    for column in ('line', 'item', 'shipment'):
        op.drop_index(op.f(f'ix_salesorderallocation_{column}_id'), table_name='salesorderallocation', schema='tenant')
    op.drop_table('salesorderallocation', schema='tenant')
