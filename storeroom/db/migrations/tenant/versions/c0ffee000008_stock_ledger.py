"""stock ledger: location types, tracking, serials (issue #16)

Revision ID: c0ffee000008
Revises: c0ffee000007
Create Date: 2026-12-02 12:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'c0ffee000008'
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = 'c0ffee000007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The columns the ledger adds to existing tables (declared with added_in="c0ffee000008").
ADDED = (
    ('stockitem', 'parent', sa.Integer),
    ('stockitem', 'stocktake_date', sa.Date),
    ('stockitemtracking', 'user', sa.Integer),
)

# The columns the stock list now orders by get the (column, id) index of models/declare.py.
INDEXED = ('expiry_date', 'stocktake_date', 'purchase_price', 'packaging')


def tenant_schema() -> str | None:
    """The tenant's real schema (Alembic's ALTER statements skip the schema_translate_map)."""
    return op.get_context().version_table_schema


def upgrade() -> None:
    for table, name, kind in ADDED:
        op.add_column(table, sa.Column(name, kind(), nullable=True), schema=tenant_schema())
    for name in INDEXED:
        op.create_index(
            op.f(f'ix_stockitem_{name}_id'), 'stockitem', [name, 'id'], schema=tenant_schema()
        )
    # An item's child_items (models/stock.py).
    op.create_index(
        op.f('ix_stockitem_parent_id'), 'stockitem', ['parent', 'id'], schema=tenant_schema()
    )
    # `/api/stock/track/?user=` (the history's filter).
    op.create_index(
        op.f('ix_stockitemtracking_user_id'), 'stockitemtracking', ['user', 'id'],
        schema=tenant_schema(),
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_stockitem_parent_id'), 'stockitem', schema=tenant_schema())
    op.drop_index(
        op.f('ix_stockitemtracking_user_id'), 'stockitemtracking', schema=tenant_schema()
    )
    for name in INDEXED:
        op.drop_index(op.f(f'ix_stockitem_{name}_id'), 'stockitem', schema=tenant_schema())
    for table, name, _kind in reversed(ADDED):
        with op.batch_alter_table(table, schema=tenant_schema()) as batch:
            batch.drop_column(name)
