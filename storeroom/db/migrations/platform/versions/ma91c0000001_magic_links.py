"""magic links

Revision ID: ma91c0000001
Revises: e41a6b4425a5
Create Date: 2026-11-27 05:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storeroom.db.metadata


revision: str = 'ma91c0000001'
down_revision: str | None = 'e41a6b4425a5'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('magic_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created', storeroom.db.metadata.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires', storeroom.db.metadata.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_magic_link_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_magic_link')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_magic_link_token_hash'))
    )
    op.create_index(op.f('ix_magic_link_user_id'), 'magic_link', ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_magic_link_user_id'), table_name='magic_link')
    op.drop_table('magic_link')
