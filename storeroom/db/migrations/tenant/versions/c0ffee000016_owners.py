"""owners and responsible (issue #17)

Orders' `responsible` held a user's id; it now holds an owner's pk (auth/owners.py: a user's id
times two, a group's id times two plus one), and builds gain their `responsible` owner.

Revision ID: c0ffee000016
Revises: c0ffee000015
Create Date: 2026-12-02 16:35:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'c0ffee000016'
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = 'c0ffee000015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORDERS = ('purchaseorder', 'salesorder', 'returnorder')


def tenant_schema() -> str | None:
    """The tenant's real schema: Alembic's ALTER statements skip the schema_translate_map that
    turns the placeholder `tenant` into it (CREATE TABLE goes through it)."""
    return op.get_context().version_table_schema


def orders_table(name: str) -> sa.Table:
    return sa.table(name, sa.column('responsible', sa.Integer), schema=tenant_schema())


def upgrade() -> None:
    for name in ORDERS:
        orders = orders_table(name)
        op.execute(
            orders.update()
            .where(orders.c.responsible.is_not(None))
            .values(responsible=orders.c.responsible * 2)
        )
    op.add_column(
        'build', sa.Column('responsible', sa.Integer(), nullable=True), schema=tenant_schema()
    )


def downgrade() -> None:
    with op.batch_alter_table('build', schema=tenant_schema()) as batch:
        batch.drop_column('responsible')
    for name in ORDERS:
        orders = orders_table(name)
        # A group owner has no user id to go back to.
        op.execute(
            orders.update()
            .where(orders.c.responsible % 2 == 1)
            .values(responsible=None)
        )
        op.execute(
            orders.update()
            .where(orders.c.responsible.is_not(None))
            .values(responsible=orders.c.responsible // 2)
        )
