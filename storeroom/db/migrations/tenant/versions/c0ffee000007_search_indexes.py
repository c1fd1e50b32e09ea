"""search indexes: FTS5 trigram tables on SQLite, pg_trgm GIN indexes on PostgreSQL

Revision ID: c0ffee000007
Revises: c0ffee000006
Create Date: 2026-12-02 09:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

from storeroom.db.search_index import (
    PG_TRGM,
    drop_ddl,
    postgres_ddl,
    sqlite_ddl,
    sqlite_rebuild,
)


revision: str = 'c0ffee000007'
# Written by hand; reserved in the chain so that work on separate capabilities never forks it.
down_revision: str | None = 'c0ffee000006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Each model's own searched text columns (models/declare.py, `searched_columns`): `?search=`
# reads their index instead of scanning the table (issue #14).
SEARCHED = (
    ('company', ('name', 'description', 'website')),
    ('customunit', ('name', 'symbol', 'definition')),
    ('inventreecustomuserstatemodel', ('name', 'label', 'reference_status')),
    ('partparametertemplate', ('name', 'description')),
    ('projectcode', ('code', 'description')),
    ('stocklocation', ('name', 'description', 'pathstring')),
    ('address', ('title', 'line1', 'line2', 'postal_code', 'postal_city', 'province', 'country')),
    ('contact', ('name',)),
    ('partcategory', ('name', 'description', 'pathstring')),
    ('part', ('name', 'description', 'IPN', 'keywords')),
    ('purchaseorder', ('description', 'reference', 'supplier_reference')),
    ('returnorder', ('description', 'reference', 'customer_reference')),
    ('salesorder', ('description', 'reference', 'customer_reference')),
    ('bomitem', ('reference', 'note')),
    ('build', ('title', 'batch', 'reference')),
    ('manufacturerpart', ('description', 'MPN')),
    ('partparameter', ('data',)),
    ('parttesttemplate', ('test_name', 'description')),
    ('purchaseorderextraline', ('description', 'reference', 'notes')),
    ('returnorderextraline', ('description', 'reference', 'notes')),
    ('salesorderextraline', ('description', 'reference', 'notes')),
    ('salesorderlineitem', ('reference',)),
    ('salesordershipment', ('reference', 'tracking_number', 'invoice_number')),
    ('manufacturerpartparameter', ('name', 'value', 'units')),
    ('supplierpart', ('description', 'note', 'packaging', 'SKU')),
    ('purchaseorderlineitem', ('reference',)),
    ('stockitem', ('serial', 'batch', 'notes')),
    ('returnorderlineitem', ('reference', 'notes')),
    ('stockitemtestresult', ('value', 'notes', 'test_station')),
    ('stockitemtracking', ('notes',)),
)


def prefix() -> str:
    """The tenant's schema and a dot (PostgreSQL): raw SQL skips the schema_translate_map."""
    schema = op.get_context().version_table_schema
    return f'"{schema}".' if schema else ''


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for table, columns in SEARCHED:
            for statement in sqlite_ddl(table, columns):
                op.execute(statement)
            op.execute(sqlite_rebuild(table))
        return
    op.execute(PG_TRGM)
    for table, columns in SEARCHED:
        for statement in postgres_ddl(table, columns, prefix()):
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table, columns in SEARCHED:
        for statement in drop_ddl(dialect, table, columns, prefix()):
            op.execute(statement)
