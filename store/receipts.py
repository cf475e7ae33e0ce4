"""Webhook receipts: each delivery key is recorded once; a repeat tells the caller to change nothing."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from store.rawsql import Sql

# Runs on every webhook: straight on the driver (store/rawsql.py); the same SQL on both stores.
_INSERT = Sql("INSERT INTO webhook_receipts (key, source, received_at) VALUES (:key, :source, :received_at) "
              "ON CONFLICT (key) DO NOTHING RETURNING key", private=True)


def first_time(session: Session, key: str, source: str, *, now: datetime) -> bool:
    """Record `key`; True the first time it is seen, False on every repeat (even concurrent ones)."""
    return _INSERT.first(session, key=key[:300], source=source, received_at=now) is not None
