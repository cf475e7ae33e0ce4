"""The message log's delivery statuses: providers report them out of order, so a status only ever moves
forward (a late `sent` never overwrites `delivered`, `failed` or `undelivered`)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Message
from store import groupwork
from store.rawsql import Sql

RANK = {"queued": 0, "held": 0, "accepted": 1, "scheduled": 1, "sending": 2, "retrying": 2, "sandboxed": 3,
        "sent": 3, "ringing": 3, "in-progress": 4, "delivered": 5, "undelivered": 5, "failed": 5, "read": 6,
        "completed": 5, "busy": 5, "no-answer": 5, "canceled": 5}
FINAL = {"delivered", "undelivered", "failed", "read", "completed", "busy", "no-answer", "canceled"}


_MESSAGE_COLUMNS = tuple(c.name for c in Message.__table__.columns if c.name != "id")
_INSERT = (f"INSERT INTO messages ({', '.join(_MESSAGE_COLUMNS)}) "
           f"VALUES ({', '.join(':' + c for c in _MESSAGE_COLUMNS)})")
_INSERT_MESSAGE = Sql(_INSERT + " RETURNING id", private=True)
_LOG_MESSAGES = Sql(_INSERT, private=True)


def _row(values: dict[str, object]) -> dict[str, object]:
    """Every column, None where not given."""
    return {**dict.fromkeys(_MESSAGE_COLUMNS), **values}


def insert_message(session: Session, **values: object) -> int:
    """One message-log row, straight on the driver (every message is logged: store/rawsql.py); its id."""
    return _INSERT_MESSAGE.scalar(session, **_row(values))  # type: ignore[no-any-return]


def log_message(session: Session, **values: object) -> None:
    """A message-log row nobody needs the id of: deferred to the end of an inbound group when in one."""
    groupwork.write_or_defer(session, "messages", _LOG_MESSAGES, _row(values))


def write_deferred(session: Session, rows: list[dict[str, object]]) -> None:
    _LOG_MESSAGES.many(session, rows)


def find_by_provider_id(session: Session, channel: str, provider_id: str) -> Message | None:
    return session.scalar(select(Message).where(Message.channel == channel, Message.provider_id == provider_id,
                                                Message.direction == "out").limit(1))


def record_delivery_status(session: Session, channel: str, provider_id: str, status: str, *, now: datetime,
                           error: str | None = None) -> Message | None:
    """Store a provider's status report unless it would move the message backwards."""
    message = find_by_provider_id(session, channel, provider_id)
    if message is None:
        return None
    if not moves_forward(message.status, status):
        return message
    message.status, message.updated_at = status, now
    if error:
        message.error = error
    return message


def moves_forward(current: str, new: str) -> bool:
    if current in FINAL and new not in FINAL:
        return False
    if current == "read":
        return False
    return RANK.get(new, 0) >= RANK.get(current, 0)
