"""Review items: messages the bot could not act on, put before the operator (GET /api/review)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from store.sql import Sql

INSERT_REVIEW = Sql("INSERT INTO review_items (message_id, agent_id, channel, sender, body, reason, status, "
                    "created_at) VALUES (:message_id, :agent_id, :channel, :sender, :body, :reason, 'open', :now)")


def review_row(*, message_id: int | None, agent_id: int | None, channel: str, sender: str, body: str, reason: str,
               now: datetime) -> dict[str, Any]:
    return dict(message_id=message_id, agent_id=agent_id, channel=channel, sender=sender, body=body, reason=reason,
                now=now)


def flag(session: Session, row: dict[str, Any]) -> None:
    """Write one review item (a row made by `review_row`)."""
    INSERT_REVIEW.rowcount(session, **row)


def flag_many(session: Session, rows: list[dict[str, Any]]) -> None:
    INSERT_REVIEW.many(session, rows)
