"""Group commit: many callers' small transactions run as ONE transaction, each caller still gets its own result.

Webhooks arrive in bursts (50 agents answering the same broadcast) and each one is a short transaction. Paying
for BEGIN, COMMIT, the pool checkout and the hand-off to the database thread once per request is most of
their cost, so `GroupCommit.run(fn)` queues `fn` and one drainer runs everything queued so far inside a
single `Store.run` transaction. Nothing is answered before that transaction commits, so an acknowledged
webhook is always durable, and a crash loses only unacknowledged requests (which the provider retries).

If any function in a group raises, the whole group has rolled back; each member then runs again in a
transaction of its own, so only the faulty one fails and the others are not charged for it.
"""
from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Callable, Generic, TypeVar

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from store.db import Store

T = TypeVar("T")
MAX_GROUP = 64  # big enough to amortise a commit, small enough to keep row locks short


class _Waiting(Generic[T]):
    __slots__ = ("fn", "future")

    def __init__(self, fn: Callable[[Session], T], future: asyncio.Future[T]) -> None:
        self.fn, self.future = fn, future


class GroupCommit:
    """Runs queued transaction functions together; see the module docstring."""

    def __init__(self, store: Store, *, max_group: int = MAX_GROUP, concurrent: int = 1) -> None:
        self.store, self.max_group, self.concurrent = store, max_group, concurrent
        self._queue: list[_Waiting[Any]] = []
        self._drainers: set[asyncio.Task[None]] = set()
        self.transactions = self.calls = 0  # for tests and metrics: how well calls are being grouped

    async def run(self, fn: Callable[[Session], T]) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.append(_Waiting(fn, future))
        self.calls += 1
        self._drainers = {d for d in self._drainers if not d.done() and d.get_loop() is loop}
        if len(self._drainers) < self.concurrent:
            drainer = asyncio.ensure_future(self._drain())
            self._drainers.add(drainer)
            drainer.add_done_callback(self._drainers.discard)
        return await future

    async def _drain(self) -> None:
        try:
            while self._queue:
                group, self._queue = self._queue[:self.max_group], self._queue[self.max_group:]
                await self._run_group(group)
        except BaseException as exc:  # cancelled (shutting down): nobody may wait forever
            _fail(self._queue, exc)
            self._queue = []
            raise

    async def _run_group(self, group: list[_Waiting[Any]]) -> None:
        if len(group) == 1:
            return await self._run_alone(group[0])
        self.transactions += 1
        try:
            results = await self.store.run(lambda session: [member.fn(session) for member in group])
        except Exception:  # noqa: BLE001 - rolled back as a whole: retried one by one below
            for member in group:
                await self._run_alone(member)
            return
        except BaseException as exc:
            _fail(group, exc)
            raise
        for member, result in zip(group, results):
            if not member.future.done():
                member.future.set_result(result)

    async def _run_alone(self, member: _Waiting[Any]) -> None:
        self.transactions += 1
        try:
            result = await self.store.run(member.fn)
        except BaseException as exc:  # handed to its own caller
            _fail([member], exc)
            if not isinstance(exc, Exception):
                raise
            return
        if not member.future.done():
            member.future.set_result(result)


def _fail(members: list[_Waiting[Any]], exc: BaseException) -> None:
    for member in members:
        if member.future.done():
            continue
        if isinstance(exc, asyncio.CancelledError):
            member.future.cancel()
        else:
            member.future.set_exception(exc)
