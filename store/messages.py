"""The message log's delivery statuses: providers report them out of order, so a status only ever moves
forward (a late `sent` never overwrites `delivered`, `failed` or `undelivered`)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from bot.states import MessageStatus
from store.models import Message
from store.sql import Sql

S = MessageStatus
RANK: dict[str, int] = {
    S.QUEUED: 0, S.HELD: 0, S.ACCEPTED: 1, S.SCHEDULED: 1, S.SENDING: 2, S.RETRYING: 2, S.SANDBOXED: 3, S.SENT: 3,
    S.RINGING: 3, S.IN_PROGRESS: 4, S.DELIVERED: 5, S.UNDELIVERED: 5, S.FAILED: 5, S.READ: 6, S.COMPLETED: 5,
    S.BUSY: 5, S.NO_ANSWER: 5, S.CANCELED: 5}  # RECEIVED: inbound, never moved
FINAL: frozenset[str] = frozenset({S.DELIVERED, S.UNDELIVERED, S.FAILED, S.READ, S.COMPLETED, S.BUSY, S.NO_ANSWER,
                                   S.CANCELED})


_MESSAGE_COLUMNS = tuple(c.name for c in Message.__table__.columns if c.name != "id")
_INSERT = (f"INSERT INTO messages ({', '.join(_MESSAGE_COLUMNS)}) "
           f"VALUES ({', '.join(':' + c for c in _MESSAGE_COLUMNS)})")
_INSERT_MESSAGE = Sql(_INSERT + " RETURNING id")
_LOG_MESSAGES = Sql(_INSERT)


def _row(values: dict[str, object]) -> dict[str, object]:
    """Every column, None where not given."""
    return {**dict.fromkeys(_MESSAGE_COLUMNS), **values}


def insert_message(session: Session, **values: object) -> int:
    """One message-log row, straight on the driver (every message is logged: store/sql.py); its id."""
    return _INSERT_MESSAGE.scalar(session, **_row(values))


def message_row(**values: object) -> dict[str, object]:
    """A message-log row's parameters (for `log_messages`)."""
    return _row(values)


def log_message(session: Session, **values: object) -> None:
    """A message-log row nobody needs the id of."""
    _LOG_MESSAGES.rowcount(session, **_row(values))


def log_messages(session: Session, rows: list[dict[str, object]]) -> None:
    """Rows made by `message_row`, sent together."""
    _LOG_MESSAGES.many(session, rows)


def find_by_provider_id(session: Session, channel: str, provider_id: str) -> Message | None:
    return session.scalar(select(Message).where(Message.channel == channel, Message.provider_id == provider_id,
                                                Message.direction == "out").limit(1))


def record_delivery_status(session: Session, channel: str, provider_id: str, status: str, *, now: datetime,
                           error: str | None = None) -> Message | None:
    """Store a provider's status report unless it would move the message backwards; the message as it now
    stands (None if unknown). ONE conditional UPDATE decides: two reports racing for the same message cannot
    both read the old status and the lower one land last (PostgreSQL re-checks the WHERE after the row lock)."""
    values: dict[str, object] = {"status": status, "updated_at": now}
    if error:
        values["error"] = error
    session.execute(update(Message).where(_outbound(channel, provider_id), _may_move_to(status)).values(**values)
                    .execution_options(synchronize_session=False))
    return session.scalar(select(Message).where(_outbound(channel, provider_id)).limit(1)
                          .execution_options(populate_existing=True))


def _outbound(channel: str, provider_id: str) -> ColumnElement[bool]:
    return and_(Message.channel == channel, Message.provider_id == provider_id, Message.direction == "out")


def _may_move_to(new: str) -> ColumnElement[bool]:
    """`moves_forward(current, new)` as SQL: the statuses a message may leave for `new` (or one not ranked)."""
    allowed = [current for current in RANK if moves_forward(current, new)]
    return or_(Message.status.in_(allowed), Message.status.not_in(list(RANK)))


def moves_forward(current: str, new: str) -> bool:
    if current in FINAL and new not in FINAL:
        return False
    if current == MessageStatus.READ:
        return False
    return RANK.get(new, 0) >= RANK.get(current, 0)
