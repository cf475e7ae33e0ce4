"""The engine and the one way to run a transaction.

Every state change runs as a plain function over a synchronous SQLAlchemy `Session`, so the domain code is
written once for both stores:

* PostgreSQL (production) goes through asyncpg; the function runs under `AsyncSession.run_sync`, which is how
  SQLAlchemy's asyncio layer drives the ORM anyway.
* SQLite (the embedded default) goes through the standard `sqlite3` driver on ONE dedicated thread. Measured
  here, a transaction per request through aiosqlite ran about 5x slower than the same transaction on a
  synchronous connection (aiosqlite hops threads for every statement); a single writer thread also matches
  SQLite's one-writer rule, so requests queue in Python instead of spinning on `database is locked`.
  The event loop never blocks on the database in either case.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_random

from store import faults

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DatabaseUrl:
    dialect: str  # "sqlite" or "postgresql"
    url: str  # driver-qualified, as the engine needs it


def resolve_url(raw: str) -> DatabaseUrl:
    """Accept `sqlite:///`, `sqlite+aiosqlite:///`, `postgresql://`, `postgres://`, `postgresql+asyncpg://`."""
    url = make_url(raw.replace("postgres://", "postgresql://", 1) if raw.startswith("postgres://") else raw)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return DatabaseUrl("sqlite", url.set(drivername="sqlite").render_as_string(hide_password=False))
    if backend == "postgresql":
        return DatabaseUrl("postgresql", url.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False))
    raise ValueError(f"DATABASE_URL must be sqlite or postgresql, got {backend!r}")


class Store:
    """Runs transactions. `await store.run(fn)` calls `fn(session)` inside one committed transaction."""

    def __init__(self, raw_url: str, *, schema: str | None = None, pool_size: int = 10) -> None:
        self.url = resolve_url(raw_url)
        self.dialect = self.url.dialect
        self.schema = schema
        if self.dialect == "sqlite":
            self._sync_engine: Engine | None = _sqlite_engine(self.url.url)
            self._sync_sessions = sessionmaker(self._sync_engine, expire_on_commit=False)
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite")
            self.engine: AsyncEngine | None = None
        else:
            self._sync_engine = None
            self.engine = _postgres_engine(self.url.url, schema, pool_size)
            self._async_sessions = async_sessionmaker(self.engine, expire_on_commit=False)


    async def run(self, fn: Callable[[Session], T]) -> T:
        """Run `fn` in one transaction: committed if it returns, rolled back if it raises."""
        return await self._run_once(fn)

    async def run_again_if_lost(self, fn: Callable[[Session], T], *, attempts: int = 4) -> T:
        """`run(fn)`, run again (a few times, after a short random pause) when PostgreSQL picked its transaction as
        a deadlock victim or a serialization failure: a request must not fail, nor a sent message be sent twice,
        because two correct transactions met. `fn` must keep every effect in the session, so that running it
        again starts clean (the text group and the worker's outcome writer do)."""
        retrying = AsyncRetrying(retry=retry_if_exception(faults.lost_a_race), stop=stop_after_attempt(attempts),
                                 wait=wait_random(0.0, 0.02), reraise=True)
        async for attempt in retrying:
            with attempt:
                return await self._run_once(fn)
        raise AssertionError("unreachable: tenacity re-raises the last error")

    async def _run_once(self, fn: Callable[[Session], T]) -> T:
        if self.dialect == "sqlite":
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._thread, self._run_sqlite, fn)
        async with self._async_sessions() as session:
            async with session.begin():
                return await session.run_sync(fn)

    def _run_sqlite(self, fn: Callable[[Session], T]) -> T:
        with self._sync_sessions() as session, session.begin():
            return fn(session)

    async def run_on_connection(self, fn: Callable[[Any], T]) -> T:
        """Run `fn(sync_connection)` in a transaction: for migrations and schema work."""
        if self.dialect == "sqlite":
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._thread, self._connection_sqlite, fn)
        assert self.engine is not None
        async with self.engine.begin() as conn:
            return await conn.run_sync(fn)

    def _connection_sqlite(self, fn: Callable[[Any], T]) -> T:
        assert self._sync_engine is not None
        with self._sync_engine.begin() as conn:
            return fn(conn)

    async def close(self) -> None:
        if self.dialect == "sqlite":
            assert self._sync_engine is not None
            self._sync_engine.dispose()
            self._thread.shutdown(wait=True)
        else:
            assert self.engine is not None
            await self.engine.dispose()


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        poolclass=StaticPool,  # one thread runs every transaction: one connection, no checkout or reset
        hide_parameters=True,  # statement parameters carry client details: never in logs or error messages
    )
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    """WAL, foreign keys, and `BEGIN IMMEDIATE` so a writer takes the lock up front (no upgrade deadlocks)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's begin event issue BEGIN itself
        cursor = dbapi_conn.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=30000"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.connection.dbapi_connection.execute("BEGIN IMMEDIATE")  # straight to sqlite3


def _postgres_engine(url: str, schema: str | None, pool_size: int) -> AsyncEngine:
    connect_args: dict[str, Any] = {}
    if schema:
        connect_args["server_settings"] = {"search_path": schema}
    engine = create_async_engine(url, pool_size=pool_size, max_overflow=pool_size * 2,
                                 pool_pre_ping=False, connect_args=connect_args,
                                 hide_parameters=True)  # client details: never in logs or error messages
    faults.replace_closed_connections(engine)  # a restarted server's dead connections: see store/faults.py
    return engine


__all__ = ["AsyncSession", "DatabaseUrl", "Session", "Store", "resolve_url"]
