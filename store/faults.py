"""Database faults: noticing a connection the server closed, and telling "the database is away" from a bug.

When PostgreSQL restarts (`pg_ctl restart -m fast` or `-m immediate`, a failover, an idle-connection killer)
every pooled connection dies at once. asyncpg notices the closed socket on its own, so a checkout only has
to look at the flag: a closed connection makes SQLAlchemy drop every connection pooled before now and open
a fresh one (`InvalidatePoolError` in a checkout listener), at no round trip. `pool_pre_ping` would cost
three round trips per transaction on asyncpg (BEGIN, `;`, ROLLBACK), which the inbound text group cannot afford.
A connection that dies mid-statement is noticed where the error surfaces: SQLAlchemy's own execution path
invalidates it; the driver-level statements of store/sql.py do the same through `raise_translated`.

`database_unavailable(exc)` is what the web layer maps to 503: the request was not stored, try again.
"""
from __future__ import annotations

import socket
from typing import Any, NoReturn

import asyncpg
from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

# SQLSTATE classes that mean "not now": 08 connection exception, 57P operator intervention (shutdown, crash,
# starting up), 53 insufficient resources (too many connections). SQLite's busy database is one too.
_UNAVAILABLE_SQLSTATES = ("08", "57P", "53")
_LOST_A_RACE_SQLSTATES = ("40P01", "40001")
_SQLITE_BUSY = ("database is locked", "database is busy", "disk i/o error")


def replace_closed_connections(engine: AsyncEngine) -> None:
    """On checkout, a connection asyncpg knows is closed invalidates the pool's older connections too."""

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        driver = record.driver_connection
        if driver is not None and driver.is_closed():
            raise sa_exc.InvalidatePoolError("the server closed this connection (restart or failover)")


def raise_translated(connection: Connection, error: Exception, statement: str, parameters: Any,
                     cursor: Any) -> NoReturn:
    """A DBAPI error raised by a statement run straight on the driver, handled as SQLAlchemy handles its own:
    a disconnect invalidates the connection and every pooled one older than it, and the error becomes the
    matching `sqlalchemy.exc.DBAPIError` subclass."""
    dialect = connection.dialect
    dbapi = dialect.loaded_dbapi
    if not isinstance(error, dbapi.Error):
        raise error
    dbapi_connection = connection.connection.dbapi_connection
    disconnected = bool(dialect.is_disconnect(error, dbapi_connection, cursor))
    if disconnected and not connection.invalidated:
        pool = connection.engine.pool
        pool._invalidate(connection.connection, error)
        connection.invalidate(error)
    raise sa_exc.DBAPIError.instance(statement, parameters, error, dbapi.Error,
                                     connection_invalidated=disconnected, dialect=dialect) from error


def database_unavailable(error: BaseException) -> bool:
    """True when `error` (or what caused it) says the database cannot be reached right now, not that the
    request or the code is wrong: the caller should answer 503 and the sender try again later."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if _unavailable_here(current):
            return True
        current = current.__cause__ or current.__context__
    return False


def _unavailable_here(error: BaseException) -> bool:
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, sa_exc.DBAPIError) and _from_sqlite(error):
        return isinstance(error, sa_exc.OperationalError) and str(error.orig).lower().startswith(_SQLITE_BUSY)
    if isinstance(error, (sa_exc.DisconnectionError, sa_exc.TimeoutError, sa_exc.InterfaceError,
                          asyncpg.PostgresConnectionError, asyncpg.InterfaceError,
                          asyncpg.exceptions.ConnectionDoesNotExistError, ConnectionError, TimeoutError)):
        return True
    if isinstance(error, socket.gaierror) or (isinstance(error, OSError) and error.errno is None
                                              and str(error).startswith("Multiple exceptions")):
        return True  # connect() to every address of the host failed
    sqlstate = getattr(error, "sqlstate", None)
    return isinstance(sqlstate, str) and sqlstate.startswith(_UNAVAILABLE_SQLSTATES)


def lost_a_race(error: BaseException) -> bool:
    """True when PostgreSQL rolled this transaction back to let another one through (deadlock victim 40P01,
    serialization failure 40001): nothing was wrong with it, and the same transaction run again succeeds."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, "sqlstate", None) in _LOST_A_RACE_SQLSTATES:
            return True
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return False


def _from_sqlite(error: sa_exc.DBAPIError) -> bool:
    """sqlite3 raises InterfaceError for a bad parameter and OperationalError for a missing table: bugs."""
    return type(error.orig).__module__.startswith("sqlite3")
