"""What the console's queue page reads from the outbox: depth and the age of the oldest row by channel and state,
dead letters with their error, and held messages (quiet hours, scheduled) with when they will go.

A pending row is one of four states for the operator: `due` (a worker takes it on its next poll), `held` (queued
to wait for its time: the agent's or the client's daytime, a scheduled check; its log entry says `held`), `paced`
(waiting a moment for its sender number's room, or after a provider's "slow down": no attempt used) or `retrying`
(tried, backing off until `next_attempt_at`). Rows that went out (`sent`) are counted apart: history, not depth.

Rows carry what the console needs to decide what an operator may see: whether the recipient is the agent's own
phone or email, and the client's contact details of the row's referral (to hide them from non-admins).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from bot.states import MessageStatus, OutboxStatus
from store.models import Agent, Message, OutboxRow, Referral, ReferralContact

LIST_LIMIT = 200


class QueueState(StrEnum):
    """An unsent outbox row as the operator reads it (its `OutboxStatus` split by time and attempts)."""

    DUE = "due"
    HELD = "held"
    PACED = "paced"
    RETRYING = "retrying"
    SENDING = "sending"
    DEAD = "dead"


ORDER = list(QueueState)
PENDING = OutboxRow.status == OutboxStatus.PENDING
LOGGED_HELD = select(Message.status).where(Message.id == OutboxRow.message_id).scalar_subquery() == \
    str(MessageStatus.HELD)


def state_of(now: datetime) -> Any:
    """The operator's state of an outbox row, as a SQL expression."""
    return case(
        (and_(PENDING, OutboxRow.next_attempt_at <= now), str(QueueState.DUE)),
        (and_(PENDING, OutboxRow.attempts == 0, OutboxRow.throttled == 0, LOGGED_HELD), str(QueueState.HELD)),
        (and_(PENDING, or_(OutboxRow.attempts == 0, OutboxRow.throttled > 0)), str(QueueState.PACED)),
        (PENDING, str(QueueState.RETRYING)),
        else_=OutboxRow.status)


@dataclass(frozen=True, slots=True)
class Depth:
    channel: str
    state: str
    count: int
    oldest: datetime | None   # when the oldest of them was queued


def depth(session: Session, *, now: datetime) -> list[Depth]:
    """Rows not yet sent, by channel and state, with the oldest one's queue time."""
    state = state_of(now).label("state")
    found = session.execute(select(OutboxRow.channel, state, func.count(), func.min(OutboxRow.created_at))
                            .where(OutboxRow.status != OutboxStatus.SENT).group_by(OutboxRow.channel, state))
    rows = [Depth(channel, str(name), int(count), oldest) for channel, name, count, oldest in found]
    return sorted(rows, key=lambda d: (d.channel, ORDER.index(QueueState(d.state))))


def sent_count(session: Session) -> int:
    sent = select(func.count()).select_from(OutboxRow).where(OutboxRow.status == OutboxStatus.SENT)
    return int(session.scalar(sent) or 0)


def _rows(session: Session, *conditions: Any, order: Any, limit: int) -> list[dict[str, Any]]:
    found = session.execute(
        select(OutboxRow, Agent.name.label("agent_name"), Agent.phone, Agent.email, Referral.code,
               ReferralContact.name.label("client_name"), ReferralContact.phone.label("client_phone"),
               ReferralContact.email.label("client_email"))
        .outerjoin(Agent, Agent.id == OutboxRow.agent_id)
        .outerjoin(Referral, Referral.id == OutboxRow.referral_id)
        .outerjoin(ReferralContact, ReferralContact.referral_id == OutboxRow.referral_id)
        .where(*conditions).order_by(*order).limit(limit))
    return [_view(*row) for row in found]


def _view(row: OutboxRow, agent_name: str | None, agent_phone: str | None, agent_email: str | None,
          code: str | None, *client: str | None) -> dict[str, Any]:
    return {"id": row.id, "channel": row.channel, "kind": (row.payload or {}).get("kind") or "",
            "recipient": row.recipient,
            "to_agent": row.recipient.lower() in {(agent_phone or "").lower(), (agent_email or "").lower()},
            "agent_id": row.agent_id, "agent_name": agent_name or "", "referral_id": row.referral_id,
            "referral_code": code or "", "attempts": row.attempts, "last_error": row.last_error or "",
            "created_at": row.created_at, "updated_at": row.updated_at, "next_attempt_at": row.next_attempt_at,
            "client_details": [c for c in client if c]}


def dead_letters(session: Session, *, limit: int = LIST_LIMIT) -> list[dict[str, Any]]:
    """Rows that gave up, newest first, with the error that stopped them."""
    return _rows(session, OutboxRow.status == OutboxStatus.DEAD,
                 order=(OutboxRow.updated_at.desc(), OutboxRow.id.desc()), limit=limit)


def held(session: Session, *, now: datetime, limit: int = LIST_LIMIT) -> list[dict[str, Any]]:
    """Rows never tried that wait for their time, the soonest first."""
    return _rows(session, state_of(now) == str(QueueState.HELD),
                 order=(OutboxRow.next_attempt_at, OutboxRow.id), limit=limit)


def count_in(session: Session, state: QueueState, *, now: datetime) -> int:
    return int(session.scalar(select(func.count()).select_from(OutboxRow).where(state_of(now) == str(state))) or 0)
