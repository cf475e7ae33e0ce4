"""Webhook receipts: each delivery key is recorded once; a repeat tells the caller to change nothing."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from store.models import WebhookReceipt


def first_time(session: Session, key: str, source: str, *, now: datetime) -> bool:
    """Record `key`; True the first time it is seen, False on every repeat (even concurrent ones)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = (dialect.insert(WebhookReceipt).values(key=key[:300], source=source, received_at=now)
            .on_conflict_do_nothing(index_elements=["key"]).returning(WebhookReceipt.key))
    return session.execute(stmt).scalar_one_or_none() is not None
