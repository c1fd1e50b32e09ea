"""Engines, tenant-bound connections, the two metadata collections, tenancy and migrations.

The only package that creates engines or connections."""
