"""What reconciliation reads from our side and keeps: our invoices by Stripe id, the outbound texts and calls
still without a final status, and one row per run with its report."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Invoice, Message, Reconciliation

UNSETTLED_DELIVERY = ("queued", "sending", "sent", "initiated", "ringing", "in-progress")
# What a Stripe invoice's status means for ours; ours in any other state than these is a mismatch.
AGREES = {"paid": {"paid", "refunded"}, "void": {"void"}, "open": {"open", "payment_failed"},
          "uncollectible": {"payment_failed", "open"}}


def invoices_by_stripe_id(session: Session, stripe_ids: list[str]) -> dict[str, Invoice]:
    if not stripe_ids:
        return {}
    rows = session.scalars(select(Invoice).where(Invoice.stripe_invoice_id.in_(stripe_ids)))
    return {row.stripe_invoice_id: row for row in rows if row.stripe_invoice_id}


def unsettled_deliveries(session: Session, *, since: datetime, before: datetime) -> list[tuple[str, str]]:
    """(channel, provider id) of texts and calls we sent in [since, before) that never reached a final status."""
    rows = session.execute(select(Message.channel, Message.provider_id).where(
        Message.direction == "out", Message.channel.in_(["sms", "voice"]), Message.provider_id.is_not(None),
        Message.status.in_(UNSETTLED_DELIVERY), Message.created_at >= since, Message.created_at < before)
        .order_by(Message.id))
    return [(channel, provider_id) for channel, provider_id in rows if provider_id is not None]  # none is None


def record_run(session: Session, *, ran_at: datetime, since: datetime, fixed: list[str],
               reported: list[str]) -> Reconciliation:
    run = Reconciliation(ran_at=ran_at, since=since, fixed=len(fixed), reported=len(reported),
                         lines=[f"fixed: {line}" for line in fixed] + [f"reported: {line}" for line in reported])
    session.add(run)
    session.flush()
    return run


def recent_runs(session: Session, limit: int = 50) -> list[Reconciliation]:
    return list(session.scalars(select(Reconciliation).order_by(Reconciliation.id.desc()).limit(limit)))


def run_json(run: Reconciliation) -> dict[str, object]:
    return {"id": run.id, "ran_at": run.ran_at.isoformat(), "since": run.since.isoformat(), "fixed": run.fixed,
            "reported": run.reported, "lines": list(run.lines)}
