"""Webhook receipts: each delivery key is recorded once; a repeat tells the caller to change nothing.

A receipt also keeps the reply its webhook was answered with, written in the same transaction: when the
service commits a text and dies before the answer leaves, Twilio's retry is a repeat (acted on no second time)
that still gets its reply.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from store.sql import Sql

# Runs on every webhook: straight on the driver (store/sql.py); the same SQL on both stores.
_INSERT = Sql("INSERT INTO webhook_receipts (key, source, received_at) VALUES (:key, :source, :received_at) "
              "ON CONFLICT (key) DO NOTHING RETURNING key")
_SET_REPLY = Sql("UPDATE webhook_receipts SET reply = :reply WHERE key = :key")  # our own receipt
_REPLY = Sql("SELECT reply FROM webhook_receipts WHERE key = :key")


def first_time(session: Session, key: str, source: str, *, now: datetime) -> bool:
    """Record `key`; True the first time it is seen, False on every repeat (even concurrent ones)."""
    return _INSERT.first(session, key=key[:300], source=source, received_at=now) is not None


def keep_reply(session: Session, key: str, reply: str | None) -> None:
    """Store the answer to the webhook recorded as `key`."""
    if reply is not None:
        _SET_REPLY.rowcount(session, key=key[:300], reply=reply)


def reply_row(key: str, reply: str) -> dict[str, Any]:
    return {"key": key[:300], "reply": reply}


def write_replies(session: Session, rows: list[dict[str, Any]]) -> None:
    """Rows made by `reply_row`, sent together."""
    _SET_REPLY.many(session, rows)


def stored_reply(session: Session, key: str) -> str | None:
    """The answer a first delivery of `key` was given (None: none, or it is still being decided)."""
    return _REPLY.scalar(session, key=key[:300])
