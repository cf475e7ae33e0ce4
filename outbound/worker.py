"""The worker: drains the outbox with retries.

One pass takes a batch of due rows (leased, `FOR UPDATE SKIP LOCKED`) and sends them concurrently through the
channel senders; each outcome is written as soon as its send returns, batched with the others that finished
meanwhile (outbound/outcomes.py), and a send keeps its concurrency slot until its outcome is committed, so a
crash re-sends at most `concurrency` rows. A cancellation mid-write cannot leave a sent row looking unsent: the
write runs in a task of its own. Retry decisions come back from the senders
as exceptions of two kinds (transient, permanent); anything unexpected is treated as transient so that a
bug delays a message instead of losing it.

Texts are paced per sender number when a pool is given (store/pacing.py): each taken text carries its number
and moment, and waits for it (as a task of its own, so the next batch is taken meanwhile: a contact email never
waits behind a broadcast's queue, and the pool never idles between batches) before taking a concurrency slot.
A rate limit from the provider throttles the row (outbox.throttle: a short wait, no attempt used) and holds that
number back.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial

import structlog
from sqlalchemy.orm import Session

from bot.clock import Clock
from outbound.outcomes import OutcomeWriter
from outbound.senders import (
    OptedOutError,
    OutboxItem,
    PermanentSendError,
    RateLimitedError,
    Sender,
    SendResult,
    TransientSendError,
)
from store import agents as agent_store
from store import faults, outbox, pacing, referrals
from store.db import Store
from store.metrics import Metrics
from store.wakeup import Wakeup

log = structlog.get_logger("worker")
OnSent = Callable[[Session, OutboxItem, SendResult, datetime], None]


@dataclass(frozen=True, slots=True)
class Outcome:
    item: OutboxItem
    result: str  # sent | retry | throttled | dead | opted_out
    provider_id: str = ""
    status: str = "sent"
    error: str = ""
    answer: SendResult | None = None  # the provider's answer, for on_sent hooks


class Worker:
    def __init__(self, store: Store, senders: Mapping[str, Sender], *, clock: Clock, batch_size: int = 50,
                 concurrency: int = 20, lease_seconds: int = 120, poll_seconds: float = 0.5,
                 metrics: Metrics | None = None, on_sent: Mapping[str, OnSent] | None = None,
                 wakeup: Wakeup | None = None, pool: pacing.SenderPool | None = None) -> None:
        """`on_sent` maps a row's kind to a function that records what the provider answered (in the same
        transaction that marks the row sent), e.g. the Stripe invoice a job created. `wakeup` ends an idle wait
        as soon as a row is queued (LISTEN/NOTIFY on PostgreSQL); without it the worker only polls. `pool`
        paces texts per sender number (store/pacing.py); without it texts leave as fast as they are taken."""
        self.store, self.senders, self.clock = store, senders, clock
        self.on_sent = dict(on_sent or {})
        self.batch_size, self.lease_seconds, self.poll_seconds = batch_size, lease_seconds, poll_seconds
        self._limit = asyncio.Semaphore(concurrency)
        self.metrics = metrics
        self.outcomes: OutcomeWriter[Outcome] = OutcomeWriter(store, self._record, clock)
        self._held: dict[int, int] = {}  # outbox id -> attempts: taken, outcome not yet handed to the writer
        self._stopping: asyncio.Event | None = None
        self.wakeup = wakeup
        self.pool = pool
        self._next_send: dict[str, datetime] = {}  # sender number -> this worker's next moment for it
        self._paced: set[asyncio.Task[None]] = set()  # paced texts waiting for their moment or being sent
        self._late_hand_offs: dict[int, datetime] = {}  # offer id -> when handed off: skipped while a claim held it

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Until `stop` is set: then no new row is taken or sent, and whatever was taken but not sent is released
        (also when the caller cancels this after its grace period)."""
        self._stopping = stop
        log.info("worker started", channels=sorted(self.senders))
        try:
            await self._loop(stop)
        finally:
            try:
                await asyncio.gather(*self._paced, return_exceptions=True)  # they return at once on `stop`
            finally:
                await self.release_held()
                if self.wakeup is not None:
                    await self.wakeup.close()

    async def _loop(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            if self.wakeup is not None:
                self.wakeup.clear()  # a row queued during this pass wakes the next wait at once
            try:
                done = await self.run_once()
            except Exception as exc:  # keep draining after a database hiccup; the rows are safe in the table
                if faults.database_unavailable(exc):
                    log.warning("database unavailable, worker pass skipped", error=type(exc).__name__)
                else:
                    log.exception("worker pass failed")
                done = 0
            if not done:
                await self._idle(stop)

    async def _idle(self, stop: asyncio.Event) -> None:
        """Until a row is queued (PostgreSQL's NOTIFY, store/wakeup.py), `stop`, or the poll interval."""
        if self.wakeup is not None:
            await self.wakeup.wait(stop, self.poll_seconds)
            return
        try:
            await asyncio.wait_for(stop.wait(), timeout=self.poll_seconds)
        except TimeoutError:
            pass

    async def run_once(self) -> int:
        """Take one batch, send it, record each outcome as its send returns. Returns how many rows were taken."""
        now = self.clock.now()
        items = await self.store.run(lambda s: self._take(s, now))
        if not items:
            return 0
        self._held.update((item.id, item.attempts) for item in items)
        for item in (i for i in items if i.send_at is not None):  # paced: the next batch is taken meanwhile
            task = asyncio.create_task(self._send_and_record(item))
            self._paced.add(task)
            task.add_done_callback(self._paced_done)
        failures = [r for r in await asyncio.gather(*(self._send_and_record(item) for item in items
                                                      if item.send_at is None),
                                                    return_exceptions=True) if isinstance(r, BaseException)]
        if failures:  # unrecorded rows stay `sending` and go out again when their lease ends
            raise failures[0]
        return len(items)

    def _paced_done(self, task: asyncio.Task[None]) -> None:
        self._paced.discard(task)
        if not task.cancelled() and task.exception() is not None:  # its row stays `sending` until its lease ends
            log.error("paced send failed", error=repr(task.exception()))

    async def _send_and_record(self, item: OutboxItem) -> None:
        """The slot is held until the outcome is committed: what a crash can re-send is what holds a slot."""
        await self._wait_for_moment(item)
        async with self._limit:
            if self._stopping is not None and self._stopping.is_set():
                return  # shutting down: not sent; release_held hands it back
            outcome = await self._send(item)
            self._held.pop(item.id, None)
            await self.outcomes.write(outcome)
            await self._record_late_hand_offs()

    async def _record_late_hand_offs(self) -> None:
        """The hand-off times `_record` could not write without waiting on a claim, each in its own transaction."""
        while self._late_hand_offs:
            offer_id, at = self._late_hand_offs.popitem()
            try:
                await self.store.run_again_if_lost(partial(referrals.handed_off_one, offer_id=offer_id, now=at))
            except Exception as exc:  # the message is recorded as sent; answer times fall back to the offer's creation
                log.warning("offer hand-off time not recorded", offer_id=offer_id, error=type(exc).__name__)

    async def _wait_for_moment(self, item: OutboxItem) -> None:
        """A paced text waits for its moment (or for the stop, which hands it back unsent)."""
        at = self._moment(item)
        delay = 0.0 if at is None else (at - self.clock.now()).total_seconds()
        if delay <= 0:
            return
        if self._stopping is None:
            await asyncio.sleep(delay)
            return
        try:
            await asyncio.wait_for(self._stopping.wait(), timeout=delay)
        except TimeoutError:
            pass

    def _moment(self, item: OutboxItem) -> datetime | None:
        """Its slot, but never sooner than 1/MPS after this worker's previous text from the same number: slots
        are planned when the batch is taken, and a worker that starts late must not catch up in a burst."""
        if item.send_at is None:
            return None
        at = max(item.send_at, self.clock.now())
        if item.sender and self.pool:
            at = max(at, self._next_send.get(item.sender, at))
            self._next_send[item.sender] = at + self.pool.interval
        return at

    async def release_held(self) -> int:
        """Hand back the rows taken but not sent (shutdown): due again now, for the next worker, instead of
        `sending` until their lease runs out. Outcomes already handed to the writer are written first."""
        await self.outcomes.idle()
        held, self._held = self._held, {}
        if not held:
            return 0
        released = await self.store.run(lambda s: outbox.release(s, held, now=self.clock.now()))
        log.info("worker released rows it held", released=released)
        return released

    async def drain(self, max_passes: int = 100_000) -> int:
        """Run passes until nothing is due (tests and the CLI's one-shot mode)."""
        total = 0
        for _ in range(max_passes):
            done = await self.run_once()
            if not done and self._paced:
                await asyncio.gather(*self._paced, return_exceptions=True)
                continue
            if not done:
                break
            total += done
        return total

    def _take(self, session: Session, now: datetime) -> list[OutboxItem]:
        outbox.recover_stale(session, now=now)
        items = outbox.claim_next(session, now=now, limit=self.batch_size, lease_seconds=self.lease_seconds)
        blocked = outbox.opted_out_numbers(session, (i.recipient for i in items if i.channel == "sms"))
        for item in items:
            if item.channel == "sms" and item.recipient in blocked:
                outbox.mark_dead(session, item.id, "recipient opted out of SMS", now=now)
                self._count(item.channel, "opted_out")
        items = [i for i in items if not (i.channel == "sms" and i.recipient in blocked)]
        return pacing.assign(session, self.pool, items, now=now) if self.pool else items

    async def _send(self, item: OutboxItem) -> Outcome:
        sender = self.senders.get(item.channel)
        if sender is None:
            return Outcome(item, "dead", error=f"no sender for channel {item.channel!r}")
        try:
            result = await sender.send(item)
        except OptedOutError as exc:
            return Outcome(item, "opted_out", error=str(exc))
        except RateLimitedError as exc:
            return Outcome(item, "throttled", error=str(exc))
        except PermanentSendError as exc:
            return Outcome(item, "dead", error=f"{exc.code or 'permanent'}: {exc}")
        except TransientSendError as exc:
            return Outcome(item, "retry", error=str(exc) or type(exc).__name__)
        except Exception as exc:  # a bug in a sender must not lose the message
            log.exception("sender raised an unexpected error", outbox_id=item.id)
            return Outcome(item, "retry", error=f"unexpected {type(exc).__name__}: {exc}")
        return Outcome(item, "sent", provider_id=result.provider_id, status=result.status, answer=result)

    def _record(self, session: Session, outcomes: list[Outcome], now: datetime) -> None:
        sent = [outbox.Sent(o.item.id, o.provider_id, o.status, o.item.attempts) for o in outcomes
                if o.result == "sent"]
        outbox.mark_sent(session, sent, now=now)
        self._late_hand_offs.update(dict.fromkeys(
            referrals.handed_off(session, [o.item.dedupe_key for o in outcomes if o.result == "sent"], now=now),
            now))
        for o in outcomes:
            hook = self.on_sent.get(o.item.payload.get("kind", ""))
            if o.result == "sent" and hook and o.answer is not None:
                hook(session, o.item, o.answer, now)
            attempt = o.item.attempts  # fencing: a row re-leased to another worker since is not ours to touch
            if o.result == "retry":
                outbox.schedule_retry(session, o.item.id, o.error, now=now, attempts=attempt)
            elif o.result == "throttled":
                outbox.throttle(session, o.item.id, o.error, now=now, attempts=attempt)
                if o.item.sender:
                    pacing.slow_down(session, o.item.sender, now=now)
            elif o.result == "dead":
                outbox.mark_dead(session, o.item.id, o.error, now=now, attempts=attempt)
            elif o.result == "opted_out":
                outbox.mark_dead(session, o.item.id, f"opted out at the carrier: {o.error}", now=now,
                                 attempts=attempt)
                agent_store.opt_out(session, o.item.recipient, source="carrier", now=now)
            self._count(o.item.channel, o.status if o.result == "sent" else o.result)
            if o.result != "sent":
                log.warning("send failed", outbox_id=o.item.id, channel=o.item.channel, result=o.result,
                            error=o.error)

    def _count(self, channel: str, result: str) -> None:
        if self.metrics:
            self.metrics.sends.labels(channel=channel, result=result).inc()
