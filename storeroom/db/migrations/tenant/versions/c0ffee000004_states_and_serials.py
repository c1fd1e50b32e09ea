"""states and serials

Revision ID: c0ffee000004
Revises: c0ffee000003
Create Date: 2026-11-27 07:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storeroom.db.metadata


revision: str = 'c0ffee000004'
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = 'c0ffee000003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The models whose status field takes a tenant's custom states.
STATUS_TABLES = ('stockitem', 'build', 'purchaseorder', 'salesorder', 'returnorder')


def tenant_schema() -> str | None:
    """The tenant's real schema: Alembic's ALTER statements skip the schema_translate_map that
    turns the placeholder `tenant` into it (CREATE TABLE goes through it)."""
    return op.get_context().version_table_schema


def upgrade() -> None:
    for name in STATUS_TABLES:
        column = sa.Column('status_custom_key', sa.Integer(), nullable=True)
        op.add_column(name, column, schema=tenant_schema())
    op.create_table('serial_reservation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('part', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=100), nullable=False),
    sa.Column('expires', storeroom.db.metadata.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['part'], ['tenant.part.id'], name=op.f('fk_serial_reservation_part_part'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_serial_reservation')),
    sa.UniqueConstraint('part', 'serial', name=op.f('uq_serial_reservation_part_serial')),
    schema='tenant'
    )
    op.create_table('batch_code_counter',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_batch_code_counter')),
    schema='tenant'
    )


def downgrade() -> None:
    op.drop_table('batch_code_counter', schema='tenant')
    op.drop_table('serial_reservation', schema='tenant')
    for name in STATUS_TABLES:
        with op.batch_alter_table(name, schema=tenant_schema()) as batch:
            batch.drop_column('status_custom_key')
