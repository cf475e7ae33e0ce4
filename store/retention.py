"""Retention: message bodies and raw emails older than a configurable age are emptied; the rows keep their
metadata (who, when, channel, status), so the message log, delivery reports and the ledger stay whole. An email
still waiting to be processed (`received`) is never pruned: recovery needs its raw bytes."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from store.inbound_email import InboundEmailStatus
from store.models import InboundEmail, Message

PRUNED_BODY = "[pruned]"


def _old_bodies(cutoff: datetime):
    return (Message.created_at < cutoff, Message.body != "", Message.body != PRUNED_BODY)


def _old_raw_emails(cutoff: datetime):
    return (InboundEmail.received_at < cutoff, InboundEmail.status != InboundEmailStatus.RECEIVED,
            func.length(InboundEmail.raw) > 0)


def prune(session: Session, *, older_than: datetime, dry_run: bool, now: datetime) -> dict[str, int]:
    """What is (or, with `dry_run`, would be) emptied; a second run finds nothing left to prune."""
    found = {"message_bodies": session.scalar(select(func.count()).where(*_old_bodies(older_than))) or 0,
             "raw_emails": session.scalar(select(func.count()).select_from(InboundEmail)
                                          .where(*_old_raw_emails(older_than))) or 0}
    if not dry_run:
        session.execute(update(Message).where(*_old_bodies(older_than)).values(body=PRUNED_BODY, updated_at=now)
                        .execution_options(synchronize_session=False))
        session.execute(update(InboundEmail).where(*_old_raw_emails(older_than)).values(raw=b"")
                        .execution_options(synchronize_session=False))
    return found
