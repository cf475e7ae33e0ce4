"""Pacing texts to the provider's rate per sender number, across every worker.

A long code sends about one text per second (`TWILIO_MPS`); a pool of numbers (`TWILIO_FROM_NUMBERS`) sends that
many times faster. When a worker takes a batch, `assign` gives each text the pool's number that is free soonest
and the moment it may leave (one slot every 1/MPS seconds per number), in the order the rows were taken (so a
broadcast's shuffled or ranked order is the order its offers leave); the worker holds each text until its
moment. Each number's next free moment lives in `sender_slots`, read and written in the taking transaction
(locked on PostgreSQL), so two workers never hand out the same slot.

A text whose slot would be more than `horizon_seconds` away is not held in memory (its lease would run out
while it waits): it goes back to `pending` for when the pool has room, without using an attempt.

When the provider still answers "slow down" (429), `slow_down` moves that number's next free moment a second on
and the row is throttled (outbox.throttle): waits, is never counted as an attempt, never dead.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, text, update
from sqlalchemy.orm import Session

from bot.messages import OutboxItem
from store import outbox
from store.models import SenderSlot, UTCDateTime

SLOW_DOWN = timedelta(seconds=1)
_ADD = text("INSERT INTO sender_slots (number, next_at) VALUES (:number, :now) ON CONFLICT (number) DO NOTHING"
            ).bindparams(bindparam("now", type_=UTCDateTime()))


@dataclass(frozen=True, slots=True)
class SenderPool:
    numbers: tuple[str, ...]
    mps: float = 1.0  # messages per second per number
    horizon_seconds: float = 30.0  # the furthest slot a worker waits for in memory
    channel: str = "sms"

    @property
    def interval(self) -> timedelta:
        return timedelta(seconds=1 / self.mps)


def assign(session: Session, pool: SenderPool, items: list[OutboxItem], *, now: datetime) -> list[OutboxItem]:
    """The taken items, each text with its sender and moment; texts beyond the horizon are handed back."""
    texts = [item for item in items if item.channel == pool.channel]
    if not texts:
        return items
    free = _free_moments(session, pool, now)
    placed: dict[int, OutboxItem] = {}
    deferred: list[OutboxItem] = []
    horizon = now + timedelta(seconds=pool.horizon_seconds)
    for item in texts:
        at, number = free[0]
        if at > horizon:
            deferred.append(item)
            continue
        heapq.heapreplace(free, (at + pool.interval, number))
        placed[item.id] = replace(item, sender=number, send_at=at)
    _save(session, free)
    if deferred:
        outbox.defer(session, {item.id: item.attempts for item in deferred}, until=free[0][0] - (horizon - now),
                     now=now)
    gone = {item.id for item in deferred}
    return [placed.get(item.id, item) for item in items if item.id not in gone]


def _free_moments(session: Session, pool: SenderPool, now: datetime) -> list[tuple[datetime, str]]:
    """A heap of (next free moment, number), a moment in the past counting as now; rows locked until commit."""
    query = select(SenderSlot.number, SenderSlot.next_at).where(SenderSlot.number.in_(pool.numbers))
    known: dict[str, datetime] = dict(session.execute(query.with_for_update()).all())
    if len(known) < len(pool.numbers):  # a number new to the pool (two workers may add it at once)
        session.execute(_ADD, [{"number": n, "now": now} for n in pool.numbers if n not in known])
        known = dict(session.execute(query.with_for_update()).all())
    free = [(max(known[n], now), n) for n in pool.numbers]
    heapq.heapify(free)
    return free


def _save(session: Session, free: list[tuple[datetime, str]]) -> None:
    session.execute(update(SenderSlot), [{"number": number, "next_at": at} for at, number in free])


def slow_down(session: Session, number: str, *, now: datetime) -> None:
    """The provider answered 429 for this number: nothing more leaves from it for a second (a burst of 429s
    holds it back a second from the last, not a second each)."""
    slot = session.get(SenderSlot, number, with_for_update=True)
    if slot is not None:
        slot.next_at = max(slot.next_at, now + SLOW_DOWN)
