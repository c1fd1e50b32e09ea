"""import_row (session, id) index

Revision ID: c0ffee000005
Revises: c0ffee000004
Create Date: 2026-11-27 11:10:00.000000
"""

from collections.abc import Sequence

from alembic import op


revision: str = 'c0ffee000005'
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = 'c0ffee000004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A session's rows by id: the row list ordered by pk, and accept_rows' id lists, without
    # sorting or scanning the whole session (issue #8).
    op.create_index('ix_import_row_session_id', 'import_row', ['session', 'id'], unique=False, schema='tenant')


def downgrade() -> None:
    op.drop_index('ix_import_row_session_id', table_name='import_row', schema='tenant')
