"""stock locations: location types; owner, tags and barcode of locations and items (issue #16)

Revision ID: c0ffee000012
Revises: c0ffee000011
Create Date: 2026-12-02 16:35:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storeroom.db.search_index import drop_ddl, postgres_ddl, sqlite_ddl, sqlite_rebuild


revision: str = 'c0ffee000012'
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = 'c0ffee000011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The columns added to existing tables (declared with added_in="c0ffee000012"), in order.
LOCATION_COLUMNS = (
    ('owner', sa.Integer, None),
    ('barcode_hash', lambda: sa.String(128), ''),
    ('tags', sa.JSON, None),
)
ITEM_COLUMNS = LOCATION_COLUMNS
TYPE_SEARCHED = ('name',)


def tenant_schema() -> str | None:
    """The tenant's real schema: Alembic's ALTER statements skip the schema_translate_map."""
    return op.get_context().version_table_schema


def prefix() -> str:
    schema = tenant_schema()
    return f'"{schema}".' if schema else ''


def upgrade() -> None:
    op.create_table('stocklocationtype',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(100), nullable=False),
    sa.Column('description', sa.String(250), server_default='', nullable=False),
    sa.Column('icon', sa.String(100), server_default='', nullable=False),
    sa.Column('metadata', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stocklocationtype')),
    schema='tenant'
    )
    for column in ('name', 'icon'):
        op.create_index(
            op.f(f'ix_stocklocationtype_{column}_id'), 'stocklocationtype', [column, 'id'],
            unique=False, schema='tenant',
        )
    add_location_type()
    # `parent` is read by the location list's own filter now (models/location_filters.py), so it
    # keeps a foreign key's plain index instead of the (parent, id) one of an equality filter.
    op.drop_index(op.f('ix_stocklocation_parent_id'), table_name='stocklocation', schema='tenant')
    op.create_index(
        op.f('ix_stocklocation_parent'), 'stocklocation', ['parent'], unique=False, schema='tenant'
    )
    for table, columns in (('stocklocation', LOCATION_COLUMNS), ('stockitem', ITEM_COLUMNS)):
        for name, kind, default in columns:
            column = sa.Column(name, kind(), nullable=default is None, server_default=default)
            op.add_column(table, column, schema=tenant_schema())
    if op.get_bind().dialect.name == 'sqlite':
        for statement in sqlite_ddl('stocklocationtype', TYPE_SEARCHED):
            op.execute(statement)
        op.execute(sqlite_rebuild('stocklocationtype'))
    else:
        for statement in postgres_ddl('stocklocationtype', TYPE_SEARCHED, prefix()):
            op.execute(statement)


def add_location_type() -> None:
    """`stocklocation.location_type`: a plain column, as SQLite cannot add a foreign key to an
    existing table (storeroom/stock/location_types.py clears it when its type is deleted)."""
    op.add_column(
        'stocklocation', sa.Column('location_type', sa.Integer(), nullable=True),
        schema=tenant_schema(),
    )
    op.create_index(
        op.f('ix_stocklocation_location_type_id'), 'stocklocation', ['location_type', 'id'],
        unique=False, schema='tenant',
    )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in drop_ddl(dialect, 'stocklocationtype', TYPE_SEARCHED, prefix()):
        op.execute(statement)
    for table, columns in (('stockitem', ITEM_COLUMNS), ('stocklocation', LOCATION_COLUMNS)):
        with op.batch_alter_table(table, schema=tenant_schema()) as batch:
            for name, _kind, _default in reversed(columns):
                batch.drop_column(name)
    op.drop_index(op.f('ix_stocklocation_parent'), table_name='stocklocation', schema='tenant')
    op.create_index(
        op.f('ix_stocklocation_parent_id'), 'stocklocation', ['parent', 'id'], unique=False,
        schema='tenant',
    )
    op.drop_index(
        op.f('ix_stocklocation_location_type_id'), table_name='stocklocation', schema='tenant'
    )
    with op.batch_alter_table('stocklocation', schema=tenant_schema()) as batch:
        batch.drop_column('location_type')
    op.drop_table('stocklocationtype', schema='tenant')
