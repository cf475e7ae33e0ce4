"""Group commit: many callers' small transactions run as ONE transaction, each caller still gets its own result.

Webhooks arrive in bursts (50 agents answering the same broadcast) and each one is a short transaction. Paying
for BEGIN, COMMIT, the pool checkout and the hand-off to the database thread once per request is most of
their cost, so `GroupCommit.run(fn)` queues `fn` and a drainer runs everything queued so far (up to
`max_group`) inside a single `Store.run` transaction. Nothing is answered before that transaction commits, so
an acknowledged webhook is always durable, and a crash loses only unacknowledged requests (which the provider
retries). With `concurrent` > 1 that many groups may be in flight; calls with the same hook key (the sender)
are never in two of them at once.

Each member is called as `fn(session, context)`, where `context` is what the hooks made for this transaction
(the grouped text group: store/textgroup/grouped.py), or None without hooks: nothing reaches a member through the
session's hidden state.

A group PostgreSQL rolls back as a deadlock victim runs again as it was (`Store.run_again_if_lost`): its members
keep their effects in the session and the group's context, so running them again starts clean.
If any function in a group raises, the whole group has rolled back; each member then runs again in a
transaction of its own, so only the faulty one fails and the others are not charged for it. When the database
itself is away (store/faults.py), every member gets that error at once: running them again alone would fail too.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from sqlalchemy.orm import Session

from store import faults

if TYPE_CHECKING:
    from store.db import Store

T = TypeVar("T")
MAX_GROUP = 64  # big enough to amortise a commit, small enough to keep row locks short


Member = Callable[[Session, Any], T]


class GroupHooks(Protocol):
    """Work a group does around its members' functions, in the same transaction (store/textgroup/grouped.py):
    `around` calls `body(context)` once, and `context` is handed to every member."""

    def around(self, session: Session, items: list[Any], body: Callable[[Any], list[Any]]) -> list[Any]: ...

    def key(self, item: Any) -> Hashable:
        """Calls with the same key never run in two groups at once (their rows would lock each other)."""


class _Waiting(Generic[T]):
    __slots__ = ("fn", "future", "item")

    def __init__(self, fn: Member[T], item: Any, future: asyncio.Future[T]) -> None:
        self.fn, self.item, self.future = fn, item, future


class GroupCommit:
    """Runs queued transaction functions together; see the module docstring."""

    def __init__(self, store: Store, *, max_group: int = MAX_GROUP, concurrent: int = 1,
                 hooks: GroupHooks | None = None) -> None:
        self.store, self.max_group, self.concurrent, self.hooks = store, max_group, concurrent, hooks
        self._queue: list[_Waiting[Any]] = []
        self._drainers: set[asyncio.Task[None]] = set()
        self._busy: dict[Hashable, int] = {}  # keys of the groups in flight
        self.transactions = self.calls = self.reruns = 0  # how well calls are grouped; groups run again alone

    async def run(self, fn: Member[T], item: Any = None) -> T:
        """`fn(session, context)`'s result, committed; `item` is what the hooks see of this call."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.append(_Waiting(fn, item, future))
        self.calls += 1
        if len(self._drainers) >= self.concurrent:  # forget drainers of a closed loop (tests run several)
            self._drainers = {d for d in self._drainers if not d.done() and d.get_loop() is loop}
        if len(self._drainers) < self.concurrent:
            drainer = asyncio.ensure_future(self._drain())
            self._drainers.add(drainer)
            drainer.add_done_callback(self._drainers.discard)
        return await future

    async def _drain(self) -> None:
        try:
            while group := self._take():
                keys = [self._key(member) for member in group]
                for key in keys:
                    self._busy[key] = self._busy.get(key, 0) + 1
                try:
                    await self._run_group(group)
                finally:
                    for key in keys:
                        self._busy[key] -= 1
                        if not self._busy[key]:
                            del self._busy[key]
        except BaseException as exc:  # cancelled (shutting down): nobody may wait forever
            _fail(self._queue, exc)
            self._queue = []
            raise

    def _take(self) -> list[_Waiting[Any]]:
        """The next group: queued calls in order, skipping those whose key a group in flight holds."""
        group: list[_Waiting[Any]] = []
        left: list[_Waiting[Any]] = []
        for member in self._queue:
            if len(group) < self.max_group and self._key(member) not in self._busy:
                group.append(member)
            else:
                left.append(member)
        self._queue = left
        return group

    def _key(self, member: _Waiting[Any]) -> Hashable:
        return self.hooks.key(member.item) if self.hooks is not None else id(member)  # no hooks: no conflicts known

    async def _run_group(self, group: list[_Waiting[Any]]) -> None:
        if len(group) == 1:
            return await self._run_alone(group[0])
        self.transactions += 1
        try:
            results = await self.store.run_again_if_lost(lambda session: self._together(session, group))
        except Exception as exc:
            if faults.database_unavailable(exc):  # not one member's fault: each would fail the same way
                _fail(group, exc)
                return
            self.reruns += 1
            for member in group:
                await self._run_alone(member)
            return
        except BaseException as exc:
            _fail(group, exc)
            raise
        for member, result in zip(group, results):
            if not member.future.done():
                member.future.set_result(result)

    def _together(self, session: Session, group: list[_Waiting[Any]]) -> list[Any]:
        if self.hooks is None:
            return _members(session, None, group)
        return self.hooks.around(session, [member.item for member in group],
                                 lambda context: _members(session, context, group))

    async def _run_alone(self, member: _Waiting[Any]) -> None:
        self.transactions += 1
        try:
            result = (await self.store.run_again_if_lost(lambda session: self._together(session, [member])))[0]
        except BaseException as exc:  # handed to its own caller
            _fail([member], exc)
            if not isinstance(exc, Exception):
                raise
            return
        if not member.future.done():
            member.future.set_result(result)


def _members(session: Session, context: Any, group: list[_Waiting[Any]]) -> list[Any]:
    return [member.fn(session, context) for member in group]


def _fail(members: list[_Waiting[Any]], exc: BaseException) -> None:
    for member in members:
        if member.future.done():
            continue
        if isinstance(exc, asyncio.CancelledError):
            member.future.cancel()
        else:
            member.future.set_exception(exc)
