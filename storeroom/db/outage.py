"""Recognising a database that cannot be reached, whatever driver or layer noticed it.

A refused or dropped connection is an outage, not a fault of the request or of the server: the API
answers 503 (`api/error_rendering.py`) and records no error report. The pools need nothing from
here to recover: SQLAlchemy's checks each connection before use (`pool_pre_ping`) and asyncpg's
replaces a connection it finds closed.
"""

from __future__ import annotations

import socket
import sqlite3

import asyncpg
import sqlalchemy as sa

# asyncpg: the connection failed or was closed under us; the server is starting, shutting down
# or out of connection slots.
ASYNCPG_OUTAGES = (
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
)
# Raised by a driver's socket, before any SQL ran.
SOCKET_OUTAGES = (ConnectionError, socket.gaierror)
# A session the server ended while it sat idle in asyncpg's pool (shutdown, pg_terminate_backend):
# the server's error arrived between queries, leaving the protocol in its error-consuming state
# (2), and the next query on it fails so (MagicStack/asyncpg#1069) before the close is noticed.
ASYNCPG_TERMINATED = "another operation (2) is in progress"
# SQLite's connection-level failures: the file cannot be opened or read, or another writer kept
# the write lock past the busy timeout (the embedded database's "out of connection slots").
SQLITE_OUTAGE_MESSAGES = ("unable to open database file", "disk I/O error", "database is locked")


def _causes(error: BaseException) -> list[BaseException]:
    """The error and everything it was raised from, SQLAlchemy's wrapped driver error included."""
    found: list[BaseException] = []
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or any(current is seen for seen in found) or len(found) > 20:
            continue
        found.append(current)
        orig = current.orig if isinstance(current, sa.exc.DBAPIError) else None
        pending += [orig, current.__cause__]
    return found


def is_outage(error: BaseException) -> bool:
    """Whether the error means the database could not be reached (or was lost mid-request)."""
    for cause in _causes(error):
        if isinstance(cause, sa.exc.DBAPIError) and cause.connection_invalidated:
            return True
        if isinstance(cause, ASYNCPG_OUTAGES + SOCKET_OUTAGES):
            return True
        if isinstance(cause, asyncpg.InterfaceError) and "connection is closed" in str(cause):
            return True
        if isinstance(cause, asyncpg.InternalClientError) and ASYNCPG_TERMINATED in str(cause):
            return True
        if isinstance(cause, sqlite3.OperationalError) and str(cause).startswith(
            SQLITE_OUTAGE_MESSAGES
        ):
            return True
    return False


def is_unstorable_text(error: BaseException) -> bool:
    """Whether PostgreSQL refused text the client sent (a null character, in a query parameter
    or a JSON document that no field check saw): the client's mistake, not a fault."""
    for cause in _causes(error):
        if isinstance(
            cause, asyncpg.CharacterNotInRepertoireError | asyncpg.UntranslatableCharacterError
        ):
            return True
    return False


def is_invalid_pattern(error: BaseException) -> bool:
    """Whether PostgreSQL refused a regular expression a `*_regex` filter passed on: Python's `re`
    checks each pattern first (models/regex_filters.py), and the few it accepts that PostgreSQL's
    syntax lacks (named groups, atomic groups) are still the client's mistake."""
    return any(isinstance(cause, asyncpg.InvalidRegularExpressionError) for cause in _causes(error))
