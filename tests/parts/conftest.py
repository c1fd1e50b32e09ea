"""The parts tests share the model tests' started apps (one per module and database) and their
clients: the admin, a viewer without roles and another tenant's superuser."""

from __future__ import annotations

from tests.models.conftest import admin, clients

__all__ = ["admin", "clients"]
