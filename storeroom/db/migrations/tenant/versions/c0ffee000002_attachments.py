"""attachments

Revision ID: c0ffee000002
Revises: c0ffee000001
Create Date: 2026-11-27 07:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'c0ffee000002'
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = 'c0ffee000001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('model_type', sa.String(length=100), nullable=False),
    sa.Column('model_id', sa.Integer(), nullable=False),
    sa.Column('storage_key', sa.String(length=400), nullable=True),
    sa.Column('filename', sa.String(length=255), server_default='', nullable=False),
    sa.Column('link', sa.String(length=200), nullable=True),
    sa.Column('comment', sa.String(length=250), server_default='', nullable=False),
    sa.Column('upload_date', sa.Date(), nullable=False),
    sa.Column('upload_user', sa.Integer(), nullable=True),
    sa.Column('user_detail', sa.JSON(), nullable=True),
    sa.Column('file_size', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('content_type', sa.String(length=255), server_default='', nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('metadata', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment')),
    schema='tenant'
    )
    op.create_index(op.f('ix_attachment_target'), 'attachment', ['model_type', 'model_id'], unique=False, schema='tenant')
    op.create_index(op.f('ix_attachment_upload_user'), 'attachment', ['upload_user'], unique=False, schema='tenant')


def downgrade() -> None:
    op.drop_index(op.f('ix_attachment_upload_user'), table_name='attachment', schema='tenant')
    op.drop_index(op.f('ix_attachment_target'), table_name='attachment', schema='tenant')
    op.drop_table('attachment', schema='tenant')
