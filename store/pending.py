"""Pending questions: the intent a YES will carry out, one per agent, until it expires (see bot.handlers.confirming)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.handlers import confirming
from bot.intents import Intent, intent_from_json
from store.models import PendingQuestion


def ask(session: Session, agent_id: int, intent: dict[str, Any], question: str, expires_at: datetime,
        now: datetime) -> None:
    """Remember the question, replacing any earlier one (the newest question is the one a YES answers)."""
    clear(session, agent_id)
    session.add(PendingQuestion(agent_id=agent_id, intent=intent, question=question, expires_at=expires_at,
                                created_at=now))
    session.flush()


def take(session: Session, agent_id: int, now: datetime) -> Intent | None:
    """The pending intent if there is one still current; the question is cleared either way."""
    row = session.get(PendingQuestion, agent_id)
    if row is None:
        return None
    intent = None if confirming.expired(row.expires_at, now) else intent_from_json(row.intent)
    clear(session, agent_id)
    return intent


def clear(session: Session, agent_id: int) -> None:
    session.execute(delete(PendingQuestion).where(PendingQuestion.agent_id == agent_id))
