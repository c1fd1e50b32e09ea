"""importer

Revision ID: c0ffee000003
Revises: c0ffee000002
Create Date: 2026-11-27 07:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storeroom.db.metadata


revision: str = 'c0ffee000003'
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = 'c0ffee000002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('import_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('timestamp', storeroom.db.metadata.UTCDateTime(timezone=True), nullable=False),
    sa.Column('model_type', sa.String(length=100), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('data_file', sa.String(length=255), nullable=False),
    sa.Column('stored_file', sa.String(length=500), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('user_detail', sa.JSON(), nullable=True),
    sa.Column('columns', sa.JSON(), nullable=True),
    sa.Column('field_defaults', sa.JSON(), nullable=True),
    sa.Column('field_overrides', sa.JSON(), nullable=True),
    sa.Column('field_filters', sa.JSON(), nullable=True),
    sa.Column('row_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('completed_row_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('heartbeat', storeroom.db.metadata.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_session')),
    schema='tenant'
    )
    op.create_index(op.f('ix_import_session_status'), 'import_session', ['status'], unique=False, schema='tenant')
    op.create_table('import_column_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=False),
    sa.Column('column', sa.String(length=100), server_default='', nullable=False),
    sa.Column('label', sa.String(length=200), server_default='', nullable=False),
    sa.Column('description', sa.String(length=500), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['session'], ['tenant.import_session.id'], name=op.f('fk_import_column_mapping_session_import_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_column_mapping')),
    schema='tenant'
    )
    op.create_index(op.f('ix_import_column_mapping_session'), 'import_column_mapping', ['session'], unique=False, schema='tenant')
    op.create_table('import_row',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session', sa.Integer(), nullable=False),
    sa.Column('row_index', sa.Integer(), nullable=False),
    sa.Column('row_data', sa.JSON(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=True),
    sa.Column('errors', sa.JSON(), nullable=True),
    sa.Column('valid', sa.Boolean(), nullable=False),
    sa.Column('complete', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['session'], ['tenant.import_session.id'], name=op.f('fk_import_row_session_import_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_row')),
    schema='tenant'
    )
    op.create_index('ix_import_row_session_row_index', 'import_row', ['session', 'row_index'], unique=False, schema='tenant')


def downgrade() -> None:
    op.drop_index('ix_import_row_session_row_index', table_name='import_row', schema='tenant')
    op.drop_table('import_row', schema='tenant')
    op.drop_index(op.f('ix_import_column_mapping_session'), table_name='import_column_mapping', schema='tenant')
    op.drop_table('import_column_mapping', schema='tenant')
    op.drop_index(op.f('ix_import_session_status'), table_name='import_session', schema='tenant')
    op.drop_table('import_session', schema='tenant')
