"""Send outcomes written as the sends finish, a few at a time, not once the slowest send of the batch returns.

A worker killed between a send and the write of its outcome sends that row again when the lease runs out
(at least once). Writing outcomes only after the whole batch had been sent made that "the whole batch"; here
each send waits for its own outcome to be committed before it gives up its concurrency slot, so a crash
re-sends at most what was in flight (`concurrency` rows). Outcomes that finish while a write is in progress
go together in the next one, so a burst still costs one transaction, not one per row.

The write runs in a task of its own: a cancelled worker pass cannot interrupt it halfway (what
`asyncio.shield` gave the batch-at-the-end write).
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from bot.clock import Clock
from store import faults
from store.db import Store

T = TypeVar("T")
Record = Callable[[Session, list[T], datetime], None]
_Waiting = tuple[T, "asyncio.Future[None]"]


class OutcomeWriter(Generic[T]):
    """`await writer.write(outcome)` returns once `outcome` is committed (with whatever else finished meanwhile)."""

    def __init__(self, store: Store, record: Record[T], clock: Clock) -> None:
        self.store, self.record, self.clock = store, record, clock
        self._queue: list[_Waiting[T]] = []
        self._flusher: asyncio.Task[None] | None = None
        self.transactions = 0

    async def write(self, outcome: T) -> None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self._queue.append((outcome, future))
        if self._flusher is None or self._flusher.done() or self._flusher.get_loop() is not loop:
            self._flusher = asyncio.ensure_future(self._flush())
        await future

    async def idle(self) -> None:
        """Wait until every outcome handed over so far is written (or has failed): before a worker releases the
        rows it still holds, so a row being marked sent is never handed back as unsent."""
        while self._flusher is not None and not self._flusher.done():
            await asyncio.wait([self._flusher])

    async def _flush(self) -> None:
        try:
            while self._queue:
                batch, self._queue = self._queue, []
                await self._commit(batch)
        except BaseException as exc:  # cancelled (shutting down): nobody may wait forever
            _settle(self._queue, exc)
            self._queue = []
            raise

    async def _commit(self, batch: list[_Waiting[T]]) -> None:
        now = self.clock.now()
        self.transactions += 1
        try:
            outcomes = [outcome for outcome, _ in batch]
            await self.store.run_again_if_lost(lambda session: self.record(session, outcomes, now))
        except Exception as exc:
            if len(batch) > 1 and not faults.database_unavailable(exc):
                for waiting in batch:  # one outcome's fault must not leave the others unrecorded
                    await self._commit([waiting])
                return
            _settle(batch, exc)
        except BaseException as exc:
            _settle(batch, exc)
            raise
        else:
            _settle(batch, None)


def _settle(batch: list[_Waiting[T]], error: BaseException | None) -> None:
    for _, future in batch:
        if future.done():
            continue
        if error is None:
            future.set_result(None)
        elif isinstance(error, asyncio.CancelledError):
            future.cancel()
        else:
            future.set_exception(error)
