"""The outbox: outbound work as rows, written in the same transaction as the change that causes it.

Life of a row: `pending` -> `sending` (taken by a worker, leased until `locked_until`) -> `sent`, or back to
`pending` with a later `next_attempt_at` (exponential backoff with jitter), or `dead` with the reason.
Nothing is deleted unsent. A row left `sending` by a crashed worker returns to `pending` when its lease ends.
Workers take rows with `FOR UPDATE SKIP LOCKED` on PostgreSQL, so any number of them can drain one store.
"""
from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeGuard

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from bot.messages import EmailHeaders, OutboxItem, Outgoing
from bot.states import MessageStatus, OutboxStatus
from store import messages
from store.dml import rows_changed
from store.models import Agent, Message, OutboxRow
from store.sql import Sql

BACKOFF_BASE_SECONDS = 10.0
BACKOFF_CAP_SECONDS = 6 * 3600.0


def enqueue(session: Session, out: Outgoing, *, now: datetime, not_before: datetime | None = None,
            max_attempts: int = 8) -> int | None:
    """Queue `out` unless a row with its dedupe key exists; logs it as a message. Returns the row id or None."""
    values = dict(
        channel=str(out.channel), recipient=out.to, payload=out.payload(), status=OutboxStatus.PENDING, attempts=0,
        max_attempts=max_attempts, next_attempt_at=not_before or now, dedupe_key=out.dedupe_key,
        agent_id=out.agent_id, referral_id=out.referral_id, created_at=now, updated_at=now)
    row_id = _insert_ignoring_duplicate(session, values)
    if row_id is None:
        return None
    message_id = messages.insert_message(
        session, direction="out", channel=str(out.channel), to_addr=out.to, **_log_addresses(out),
        subject=out.subject, body=out.body,
        kind=out.kind, status=MessageStatus.HELD if not_before and not_before > now else MessageStatus.QUEUED,
        referral_id=out.referral_id, agent_id=out.agent_id, created_at=now, updated_at=now)
    _SET_MESSAGE.rowcount(session, row=row_id, message=message_id)
    return row_id


def enqueue_many(session: Session, outs: list[Outgoing], *, now: datetime, max_attempts: int = 8) -> int:
    """`enqueue` for a batch, in three statements whatever its size (a referral's losers' notices: one per agent
    offered it, in the award's transaction): the keys already queued are read and skipped, the log rows
    written, then the outbox rows pointing at them. For keys no other transaction queues at the same time (the
    caller holds the rows that decide them); returns how many were queued."""
    existing = set(session.scalars(select(OutboxRow.dedupe_key).where(
        OutboxRow.dedupe_key.in_([out.dedupe_key for out in outs])))) if outs else set()
    fresh = list({out.dedupe_key: out for out in outs if out.dedupe_key not in existing}.values())
    if not fresh:
        return 0
    logged = session.execute(insert(Message).returning(Message.id, sort_by_parameter_order=True), [dict(
        direction="out", channel=str(out.channel), to_addr=out.to, **_log_addresses(out),
        subject=out.subject, body=out.body,
        kind=out.kind, status=MessageStatus.QUEUED, referral_id=out.referral_id, agent_id=out.agent_id, created_at=now,
        updated_at=now) for out in fresh]).scalars().all()
    session.execute(insert(OutboxRow), [dict(
        channel=str(out.channel), recipient=out.to, payload=out.payload(), status=OutboxStatus.PENDING, attempts=0,
        max_attempts=max_attempts, next_attempt_at=now, dedupe_key=out.dedupe_key, agent_id=out.agent_id,
        referral_id=out.referral_id, message_id=message_id, created_at=now, updated_at=now)
        for out, message_id in zip(fresh, logged)])
    return len(fresh)


def _log_addresses(out: Outgoing) -> dict[str, str | None]:
    """The message log's From, Reply-To and call URL columns."""
    email = out.email or EmailHeaders()
    return {"from_addr": email.sender, "reply_to": email.reply_to, "url": out.call.url if out.call else None}


# Every reply that causes work runs these: straight on the driver (store/sql.py), same SQL on both stores.
_INSERT = Sql("INSERT INTO outbox (channel, recipient, payload, status, attempts, max_attempts, next_attempt_at, "
              "dedupe_key, agent_id, referral_id, created_at, updated_at) VALUES (:channel, :recipient, :payload, "
              ":status, :attempts, :max_attempts, :next_attempt_at, :dedupe_key, :agent_id, :referral_id, "
              ":created_at, :updated_at) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id")
_SET_MESSAGE = Sql("UPDATE outbox SET message_id = :message WHERE id = :row")  # the row just added


def _insert_ignoring_duplicate(session: Session, values: dict[str, Any]) -> int | None:
    return _INSERT.scalar(session, **values)


def claim_next(session: Session, *, now: datetime, limit: int, lease_seconds: int) -> list[OutboxItem]:
    """Take up to `limit` due rows for this worker; rows locked by another worker are skipped."""
    rows = session.scalars(
        select(OutboxRow).where(OutboxRow.status == OutboxStatus.PENDING, OutboxRow.next_attempt_at <= now)
        .order_by(OutboxRow.next_attempt_at, OutboxRow.id).limit(limit)
        .with_for_update(skip_locked=True)).all()
    if not rows:
        return []
    items = [_item(row, attempts=row.attempts + 1) for row in rows]
    session.execute(update(OutboxRow).where(OutboxRow.id.in_([row.id for row in rows])).values(
        status=OutboxStatus.SENDING, attempts=OutboxRow.attempts + 1, updated_at=now,
        locked_until=now + timedelta(seconds=lease_seconds)))
    return items


def _item(row: OutboxRow, *, attempts: int) -> OutboxItem:
    return OutboxItem(id=row.id, channel=row.channel, recipient=row.recipient, payload=dict(row.payload),
                      attempts=attempts, dedupe_key=row.dedupe_key, message_id=row.message_id,
                      agent_id=row.agent_id, referral_id=row.referral_id)


def opted_out_numbers(session: Session, numbers: Iterable[str]) -> set[str]:
    """Which of these phone numbers belong to agents who opted out of SMS (checked right before sending)."""
    wanted = set(numbers)
    if not wanted:
        return set()
    return set(session.scalars(select(Agent.phone).where(Agent.phone.in_(wanted),
                                                         Agent.sms_opted_out_at.is_not(None))))


@dataclass(frozen=True, slots=True)
class Sent:
    item_id: int
    provider_id: str
    status: str = "sent"  # "sent" or "sandboxed" in the message log
    attempts: int | None = None  # the attempt this worker was given (a fencing token), None: don't check


def mark_sent(session: Session, results: list[Sent], *, now: datetime) -> None:
    """Mark a batch sent in three statements: rows another worker took over since are left alone."""
    by_id = {r.item_id: r for r in results}
    if not by_id:
        return
    rows = session.execute(select(OutboxRow.id, OutboxRow.message_id, OutboxRow.attempts).where(
        OutboxRow.id.in_(list(by_id)), OutboxRow.status == OutboxStatus.SENDING).with_for_update()).all()
    owned = [(row_id, message_id) for row_id, message_id, attempts in rows
             if by_id[row_id].attempts in (None, attempts)]
    if not owned:
        return
    session.execute(update(OutboxRow), [
        {"id": i, "status": OutboxStatus.SENT, "provider_id": by_id[i].provider_id, "sent_at": now, "updated_at": now,
         "locked_until": None} for i, _ in owned])
    messages = [{"id": m, "status": by_id[i].status, "provider_id": by_id[i].provider_id, "updated_at": now}
                for i, m in owned if m is not None]
    if messages:
        session.execute(update(Message), messages)


def owns(row: OutboxRow | None, attempts: int | None) -> TypeGuard[OutboxRow]:
    """Still this worker's row: `sending`, and not taken again since (a newer attempt means a newer lease)."""
    return row is not None and row.status == OutboxStatus.SENDING and attempts in (None, row.attempts)


def schedule_retry(session: Session, item_id: int, error: str, *, now: datetime,
                   rng: random.Random | None = None, attempts: int | None = None) -> str:
    """Back off and try again later; a row that has used its attempts becomes dead. Returns the new status."""
    row = session.get(OutboxRow, item_id)
    if not owns(row, attempts):
        return "skipped"
    if row.attempts >= row.max_attempts:
        return mark_dead(session, item_id, f"gave up after {row.attempts} attempts: {error}", now=now)
    row.status, row.last_error, row.locked_until, row.updated_at = OutboxStatus.PENDING, error, None, now
    row.next_attempt_at = now + timedelta(seconds=backoff_seconds(row.attempts, rng))
    _update_message(session, row.message_id, now, status=MessageStatus.RETRYING, error=error)
    return OutboxStatus.PENDING


def backoff_seconds(attempts: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter between half and all of the step."""
    step = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** max(0, attempts - 1))
    return step * (0.5 + (rng.random() if rng else random.random()) / 2)


def mark_dead(session: Session, item_id: int, reason: str, *, now: datetime, attempts: int | None = None) -> str:
    row = session.get(OutboxRow, item_id)
    if row is None or (attempts is not None and not owns(row, attempts)):
        return "skipped"
    row.status, row.last_error, row.locked_until, row.updated_at = OutboxStatus.DEAD, reason, None, now
    _update_message(session, row.message_id, now, status=MessageStatus.FAILED, error=reason)
    return OutboxStatus.DEAD


def release(session: Session, held: dict[int, int], *, now: datetime) -> int:
    """Rows a stopping worker took but did not finish (id -> the attempts it took them at): due again now. A
    row re-leased to another worker since (other attempts) or already settled is left alone."""
    rows = session.scalars(select(OutboxRow).where(OutboxRow.id.in_(list(held))).with_for_update()).all()
    released = [row for row in rows if owns(row, held[row.id])]
    for row in released:
        row.status, row.locked_until, row.next_attempt_at, row.updated_at = OutboxStatus.PENDING, None, now, now
    return len(released)


def defer(session: Session, held: dict[int, int], *, until: datetime, now: datetime) -> int:
    """Rows taken (id -> the attempts they were taken at) that must wait for their sender's room: pending again
    from `until`, the attempt given back (waiting for a slot is not a failed send)."""
    rows = session.scalars(select(OutboxRow).where(OutboxRow.id.in_(list(held))).with_for_update()).all()
    deferred = [row for row in rows if owns(row, held[row.id])]
    for row in deferred:
        row.status, row.locked_until, row.next_attempt_at, row.updated_at = "pending", None, until, now
        row.attempts -= 1
    return len(deferred)


THROTTLE_CAP_SECONDS = 60.0


def throttle(session: Session, item_id: int, error: str, *, now: datetime, attempts: int | None = None,
             rng: random.Random | None = None) -> str:
    """The provider said "slow down" (429): try again shortly, the attempt given back, never dead. The wait
    doubles with each 429 the row has met (1 s, 2 s, ... up to a minute), with jitter."""
    row = session.get(OutboxRow, item_id)
    if row is None or not owns(row, attempts):
        return "skipped"
    step = min(THROTTLE_CAP_SECONDS, 2.0 ** min(row.throttled, 10))
    row.status, row.last_error, row.locked_until, row.updated_at = "pending", error, None, now
    row.attempts, row.throttled = row.attempts - 1, row.throttled + 1
    row.next_attempt_at = now + timedelta(seconds=step * (0.5 + (rng or random).random() / 2))
    return "pending"


def recover_stale(session: Session, *, now: datetime) -> int:
    """Rows whose worker died mid-send go back to `pending` (or `dead` when out of attempts)."""
    stale = select(OutboxRow.id).where(OutboxRow.status == OutboxStatus.SENDING, OutboxRow.locked_until < now)
    exhausted = rows_changed(
        session,
        update(OutboxRow).where(OutboxRow.id.in_(stale), OutboxRow.attempts >= OutboxRow.max_attempts)
        .values(status=OutboxStatus.DEAD, last_error="worker lease expired on the last attempt", locked_until=None,
                updated_at=now))
    recovered = rows_changed(
        session,
        update(OutboxRow).where(OutboxRow.id.in_(stale))
        .values(status=OutboxStatus.PENDING, locked_until=None, next_attempt_at=now, updated_at=now,
                last_error="recovered after the worker's lease expired"))
    return recovered + exhausted


def retry_dead(session: Session, item_id: int, *, now: datetime) -> bool:
    """Operator action: give a dead row a fresh set of attempts."""
    row = session.get(OutboxRow, item_id)
    if row is None or row.status != OutboxStatus.DEAD:
        return False
    row.status, row.attempts, row.next_attempt_at, row.updated_at = OutboxStatus.PENDING, 0, now, now
    _update_message(session, row.message_id, now, status=MessageStatus.QUEUED)
    return True


def list_rows(session: Session, *, status: str | None, limit: int = 500) -> list[OutboxRow]:
    query = select(OutboxRow).order_by(OutboxRow.id).limit(limit)
    if status:
        query = query.where(OutboxRow.status == status)
    return list(session.scalars(query))


def depth_by_status(session: Session) -> dict[tuple[str, str], int]:
    rows = session.execute(select(OutboxRow.channel, OutboxRow.status, func.count()).group_by(
        OutboxRow.channel, OutboxRow.status))
    return {(channel, status): count for channel, status, count in rows}


def oldest_pending(session: Session) -> datetime | None:
    return session.scalar(select(func.min(OutboxRow.created_at))
                          .where(OutboxRow.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING])))


def _update_message(session: Session, message_id: int | None, now: datetime, **values: Any) -> None:
    if message_id is not None:
        session.execute(update(Message).where(Message.id == message_id).values(updated_at=now, **values))
