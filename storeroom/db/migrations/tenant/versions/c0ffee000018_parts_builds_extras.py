"""parts and builds extras: stocktake reports, company images (issue #18)

Revision ID: c0ffee000018
Revises: c0ffee000017
Create Date: 2026-12-02 16:35:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'c0ffee000018'
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = 'c0ffee000017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def tenant_schema() -> str | None:
    """The tenant's real schema: Alembic's ALTER statements skip the schema_translate_map that
    turns the placeholder `tenant` into it (CREATE TABLE goes through it)."""
    return op.get_context().version_table_schema


def upgrade() -> None:
    op.create_table('partstocktakereport',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('report', sa.String(300), server_default='', nullable=False),
    sa.Column('part_count', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('user', sa.Integer(), nullable=True),
    sa.Column('user_detail', sa.JSON(), nullable=True),
    sa.Column('metadata', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partstocktakereport')),
    schema='tenant'
    )
    op.create_index(op.f('ix_partstocktakereport_date_id'), 'partstocktakereport', ['date', 'id'], unique=False, schema='tenant')
    op.add_column('company', sa.Column('image', sa.String(255), nullable=True), schema=tenant_schema())


def downgrade() -> None:
    with op.batch_alter_table('company', schema=tenant_schema()) as batch:
        batch.drop_column('image')
    op.drop_table('partstocktakereport', schema='tenant')
