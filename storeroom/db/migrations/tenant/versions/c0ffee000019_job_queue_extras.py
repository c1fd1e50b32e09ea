"""job queue (issue #15)

Revision ID: c0ffee000019
Revises: c0ffee000018
Create Date: 2026-12-02 16:35:00.000000
"""

from collections.abc import Sequence

from alembic import op  # noqa: F401


revision: str = 'c0ffee000019'
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = 'c0ffee000018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
