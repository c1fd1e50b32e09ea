"""parts: stars of parts and categories, stocktake records (issue #18)

Revision ID: c0ffee000014
Revises: c0ffee000013
Create Date: 2026-12-02 16:35:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'c0ffee000014'
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = 'c0ffee000013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STARS = (('partstar', 'part'), ('partcategorystar', 'partcategory'))
STOCKTAKE_INDEXED = ('part', 'item_count', 'quantity', 'date', 'user')


def upgrade() -> None:
    for name, target in STARS:
        op.create_table(name,
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column(target, sa.Integer(), nullable=False),
        sa.Column('user', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint([target], [f'tenant.{target}.id'], name=op.f(f'fk_{name}_{target}_{target}'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')),
        sa.UniqueConstraint('user', target, name=f'uq_{name}_user_{target}'),
        schema='tenant'
        )
        op.create_index(op.f(f'ix_{name}_{target}'), name, [target], unique=False, schema='tenant')
    op.create_table('partstocktake',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('part', sa.Integer(), nullable=False),
    sa.Column('item_count', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('quantity', sa.Float(), nullable=False),
    sa.Column('cost_min', sa.Numeric(15, 5), nullable=True),
    sa.Column('cost_min_currency', sa.String(3), server_default='USD', nullable=False),
    sa.Column('cost_max', sa.Numeric(15, 5), nullable=True),
    sa.Column('cost_max_currency', sa.String(3), server_default='USD', nullable=False),
    sa.Column('note', sa.String(250), server_default='', nullable=False),
    sa.Column('user', sa.Integer(), nullable=True),
    sa.Column('user_detail', sa.JSON(), nullable=True),
    sa.Column('metadata', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['part'], ['tenant.part.id'], name=op.f('fk_partstocktake_part_part'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partstocktake')),
    schema='tenant'
    )
    for column in STOCKTAKE_INDEXED:
        op.create_index(op.f(f'ix_partstocktake_{column}_id'), 'partstocktake', [column, 'id'], unique=False, schema='tenant')


def downgrade() -> None:
    op.drop_table('partstocktake', schema='tenant')
    for name, _ in reversed(STARS):
        op.drop_table(name, schema='tenant')
