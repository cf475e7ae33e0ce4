"""Waking the worker the moment a row is queued: PostgreSQL's LISTEN/NOTIFY on `outbox_ready` (the trigger of
migration wake01 notifies at each commit that queued rows). Polling stays underneath it: SQLite has no LISTEN,
and a listening connection lost to a database restart is opened again on a later wait, while the poll keeps the
queue moving meanwhile.
"""
from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import asyncpg
import structlog

from store.db import Store

log = structlog.get_logger()

CHANNEL = "outbox_ready"
RECONNECT_SECONDS = 5.0


class Wakeup:
    """`await wakeup.wait(stop, timeout)` returns when a row was queued, `stop` is set, or `timeout` passed."""

    def __init__(self, store: Store) -> None:
        self._dsn = _asyncpg_dsn(store) if store.dialect == "postgresql" else None
        self._queued = asyncio.Event()
        self._connection: Any = None
        self._next_try = 0.0

    @property
    def listening(self) -> bool:
        return self._connection is not None and not self._connection.is_closed()

    def clear(self) -> None:
        """Forget earlier notifications: called before each pass, so one that lands during it is kept."""
        self._queued.clear()

    async def wait(self, stop: asyncio.Event, timeout: float) -> None:
        await self._listen()
        waits = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._queued.wait())]
        try:
            await asyncio.wait(waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()

    async def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                await self._connection.close(timeout=2)
            self._connection = None

    async def _listen(self) -> None:
        """Open the listening connection if there is none (at most every RECONNECT_SECONDS after a failure)."""
        if self._dsn is None or self.listening:
            return
        loop = asyncio.get_running_loop()
        if loop.time() < self._next_try:
            return
        self._next_try = loop.time() + RECONNECT_SECONDS
        try:
            connection = await asyncpg.connect(self._dsn, timeout=5)
            await connection.add_listener(CHANNEL, self._notified)
            connection.add_termination_listener(self._lost)
        except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
            log.warning("outbox LISTEN unavailable, polling", error=type(exc).__name__)
            return
        self._connection = connection
        self._queued.set()  # rows queued while nobody listened are picked up by the next pass
        log.info("outbox LISTEN started", channel=CHANNEL)

    def _notified(self, *_: object) -> None:
        self._queued.set()

    def _lost(self, *_: object) -> None:
        """The listening connection closed (a database restart): poll until a later wait opens it again."""
        log.warning("outbox LISTEN connection lost, polling")
        self._connection, self._next_try = None, 0.0


def _asyncpg_dsn(store: Store) -> str:
    """The store's URL as asyncpg takes it (no SQLAlchemy driver suffix)."""
    return store.url.url.replace("postgresql+asyncpg://", "postgresql://", 1)
