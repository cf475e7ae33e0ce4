"""Outbound calls as the message log sees them (channel `voice`, the Call SID as provider id)."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.states import MessageStatus
from store.messages import FINAL
from store.models import Message

# A call whose status callbacks never arrive stops counting as "under way" after this long.
CALL_WINDOW = timedelta(minutes=10)


def call_in_progress(session: Session, agent_id: int, *, now: datetime) -> bool:
    """Is a call to this agent queued, ringing or connected (so a second CALL places nothing)?"""
    recent = session.scalars(select(Message.status).where(
        Message.agent_id == agent_id, Message.channel == "voice", Message.direction == "out",
        Message.kind == "call", Message.created_at > now - CALL_WINDOW))
    return any(status not in FINAL and status != MessageStatus.FAILED for status in recent)


def call_message(session: Session, call_sid: str) -> Message | None:
    return session.scalar(select(Message).where(Message.channel == "voice", Message.provider_id == call_sid,
                                                Message.direction == "out").limit(1))
