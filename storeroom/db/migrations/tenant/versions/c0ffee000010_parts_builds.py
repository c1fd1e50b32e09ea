"""parts, BOM and builds: substitutes, build lines and allocations, pricing (issue #18)

Revision ID: c0ffee000010
Revises: c0ffee000009
Create Date: 2026-12-02 12:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'c0ffee000010'
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = 'c0ffee000009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def tenant_schema() -> str | None:
    """The tenant's real schema: Alembic's ALTER statements skip the schema_translate_map that
    turns the placeholder `tenant` into it (CREATE TABLE goes through it)."""
    return op.get_context().version_table_schema


def upgrade() -> None:
    upgrade_builds()
    upgrade_parts()


def downgrade() -> None:
    downgrade_parts()
    downgrade_builds()


# ---- builds (build lines, allocations, issued_by) ------------------------------------------


def upgrade_builds() -> None:
    op.add_column('build', sa.Column('issued_by', sa.Integer(), nullable=True), schema=tenant_schema())
    op.create_index(op.f('ix_build_issued_by_id'), 'build', ['issued_by', 'id'], unique=False, schema='tenant')
    op.create_table('build_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('build', sa.Integer(), nullable=False),
    sa.Column('bom_item', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Float(), nullable=False),
    sa.Column('metadata', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['build'], ['tenant.build.id'], name=op.f('fk_build_line_build_build'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['bom_item'], ['tenant.bomitem.id'], name=op.f('fk_build_line_bom_item_bomitem'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_build_line')),
    schema='tenant'
    )
    for column in ('bom_item', 'build', 'quantity'):
        op.create_index(op.f(f'ix_build_line_{column}_id'), 'build_line', [column, 'id'], unique=False, schema='tenant')
    op.create_table('build_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('build_line', sa.Integer(), nullable=True),
    sa.Column('install_into', sa.Integer(), nullable=True),
    sa.Column('stock_item', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Float(), nullable=False),
    sa.Column('metadata', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['build_line'], ['tenant.build_line.id'], name=op.f('fk_build_item_build_line_build_line'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['install_into'], ['tenant.stockitem.id'], name=op.f('fk_build_item_install_into_stockitem'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stock_item'], ['tenant.stockitem.id'], name=op.f('fk_build_item_stock_item_stockitem'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_build_item')),
    schema='tenant'
    )
    for column in ('build_line', 'install_into', 'quantity', 'stock_item'):
        op.create_index(op.f(f'ix_build_item_{column}_id'), 'build_item', [column, 'id'], unique=False, schema='tenant')


def downgrade_builds() -> None:
    op.drop_table('build_item', schema='tenant')
    op.drop_table('build_line', schema='tenant')
    op.drop_index(op.f('ix_build_issued_by_id'), table_name='build', schema='tenant')
    with op.batch_alter_table('build', schema=tenant_schema()) as batch:
        batch.drop_column('issued_by')


# ---- parts (part columns, BOM substitutes, related parts, internal prices) -----------------

# The columns the parts capability adds to `part` (declared with added_in="c0ffee000010").
PART_COLUMNS = (
    ('image', lambda: sa.String(255), None),
    ('creation_user', sa.Integer, None),
    ('default_supplier', sa.Integer, None),
    ('responsible', sa.Integer, None),
    ('barcode_hash', lambda: sa.String(128), ''),
    ('last_stocktake', sa.Date, None),
    ('tags', sa.JSON, None),
    ('pricing_min', lambda: sa.Numeric(15, 5), None),
    ('pricing_max', lambda: sa.Numeric(15, 5), None),
    ('pricing_updated', lambda: sa.DateTime(timezone=True), None),
)
# Part columns the list orders by: each gets a (column, id) index.
PART_ORDERED = ('units', 'revision', 'last_stocktake', 'pricing_min', 'pricing_max', 'pricing_updated')


def upgrade_parts() -> None:
    for name, kind, default in PART_COLUMNS:
        column = sa.Column(name, kind(), nullable=default is None, server_default=default)
        op.add_column('part', column, schema=tenant_schema())
    for name in PART_ORDERED:
        op.create_index(op.f(f'ix_part_{name}_id'), 'part', [name, 'id'], unique=False, schema='tenant')
    op.create_table('bomitemsubstitute',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bom_item', sa.Integer(), nullable=False),
    sa.Column('part', sa.Integer(), nullable=False),
    sa.Column('metadata', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['bom_item'], ['tenant.bomitem.id'], name=op.f('fk_bomitemsubstitute_bom_item_bomitem'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['part'], ['tenant.part.id'], name=op.f('fk_bomitemsubstitute_part_part'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bomitemsubstitute')),
    sa.UniqueConstraint('part', 'bom_item', name=op.f('uq_bomitemsubstitute_part_bom_item')),
    schema='tenant'
    )
    for column in ('bom_item', 'part'):
        op.create_index(op.f(f'ix_bomitemsubstitute_{column}_id'), 'bomitemsubstitute', [column, 'id'], unique=False, schema='tenant')
    op.create_table('partrelated',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('part_1', sa.Integer(), nullable=False),
    sa.Column('part_2', sa.Integer(), nullable=False),
    sa.Column('metadata', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['part_1'], ['tenant.part.id'], name=op.f('fk_partrelated_part_1_part'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['part_2'], ['tenant.part.id'], name=op.f('fk_partrelated_part_2_part'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partrelated')),
    schema='tenant'
    )
    for column in ('part_1', 'part_2'):
        op.create_index(op.f(f'ix_partrelated_{column}_id'), 'partrelated', [column, 'id'], unique=False, schema='tenant')
    op.create_table('partinternalpricebreak',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('part', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Float(), nullable=False),
    sa.Column('price', sa.Numeric(15, 5), nullable=True),
    sa.Column('price_currency', sa.String(3), server_default='USD', nullable=False),
    sa.Column('metadata', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['part'], ['tenant.part.id'], name=op.f('fk_partinternalpricebreak_part_part'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partinternalpricebreak')),
    sa.UniqueConstraint('part', 'quantity', name=op.f('uq_partinternalpricebreak_part_quantity')),
    schema='tenant'
    )
    for column in ('part', 'quantity', 'price'):
        op.create_index(op.f(f'ix_partinternalpricebreak_{column}_id'), 'partinternalpricebreak', [column, 'id'], unique=False, schema='tenant')
    op.create_table('partpricing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('part', sa.Integer(), nullable=False),
    sa.Column('override_min', sa.Numeric(15, 5), nullable=True),
    sa.Column('override_min_currency', sa.String(3), server_default='', nullable=False),
    sa.Column('override_max', sa.Numeric(15, 5), nullable=True),
    sa.Column('override_max_currency', sa.String(3), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['part'], ['tenant.part.id'], name=op.f('fk_partpricing_part_part'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partpricing')),
    sa.UniqueConstraint('part', name=op.f('uq_partpricing_part')),
    schema='tenant'
    )


def downgrade_parts() -> None:
    op.drop_table('partpricing', schema='tenant')
    op.drop_table('partinternalpricebreak', schema='tenant')
    op.drop_table('partrelated', schema='tenant')
    op.drop_table('bomitemsubstitute', schema='tenant')
    for name in PART_ORDERED:
        op.drop_index(op.f(f'ix_part_{name}_id'), table_name='part', schema='tenant')
    with op.batch_alter_table('part', schema=tenant_schema()) as batch:
        for name, _kind, _default in reversed(PART_COLUMNS):
            batch.drop_column(name)
