"""What the console's money page reads: the network ledger filtered and totalled, invoices by status, agents
whose unbilled balance has reached their billing threshold, and declined charges still to follow up.

Read-only. The ledger here is newest first (the operator looks at what just happened; `GET /api/ledger` stays
oldest first for programs that follow it), and `rows` walks every match in id order for the CSV export
without holding them all in memory.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bot.fees import LedgerKind
from store.billing import DEFAULT_THRESHOLD_CENTS
from store.models import Agent, Invoice, LedgerEntry, Referral

PAGE = 100
FOLLOW_UP_STATUSES = ("payment_failed",)


@dataclass(frozen=True, slots=True)
class MoneyQuery:
    kind: LedgerKind | None = None
    agent_id: int | None = None
    since: datetime | None = None    # inclusive
    before: datetime | None = None   # exclusive
    before_id: int | None = None     # the page's cursor: entries older than this id
    limit: int = PAGE


def _filtered(query: MoneyQuery) -> Select[Any]:
    stmt = (select(LedgerEntry.id, LedgerEntry.created_at, LedgerEntry.kind, LedgerEntry.amount_cents,
                   LedgerEntry.memo, LedgerEntry.agent_id, Agent.name.label("agent_name"), LedgerEntry.referral_id,
                   Referral.code.label("referral_code"), LedgerEntry.invoice_id)
            .join(Agent, Agent.id == LedgerEntry.agent_id)
            .outerjoin(Referral, Referral.id == LedgerEntry.referral_id))
    return stmt.where(*_conditions(query))  # type: ignore[return-value]


def _conditions(query: MoneyQuery) -> list[Any]:
    found: list[Any] = []
    if query.kind is not None:
        found.append(LedgerEntry.kind == str(query.kind))
    if query.agent_id is not None:
        found.append(LedgerEntry.agent_id == query.agent_id)
    if query.since is not None:
        found.append(LedgerEntry.created_at >= query.since)
    if query.before is not None:
        found.append(LedgerEntry.created_at < query.before)
    return found


def ledger_page(session: Session, query: MoneyQuery) -> dict[str, Any]:
    """A page of matching entries, newest first; `next_cursor` (an id) continues with older ones."""
    stmt = _filtered(query).order_by(LedgerEntry.id.desc()).limit(query.limit + 1)
    if query.before_id is not None:
        stmt = stmt.where(LedgerEntry.id < query.before_id)
    found = [row._asdict() for row in session.execute(stmt)]
    more = len(found) > query.limit
    found = found[:query.limit]
    return {"items": found, "next_cursor": str(found[-1]["id"]) if more and found else None}


def rows(session: Session, query: MoneyQuery, *, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every matching entry, oldest first, read in batches by id (the CSV export)."""
    after = 0
    while True:
        chunk = [row._asdict() for row in session.execute(
            _filtered(query).where(LedgerEntry.id > after).order_by(LedgerEntry.id).limit(batch))]
        yield from chunk
        if len(chunk) < batch:
            return
        after = chunk[-1]["id"]


def totals(session: Session, query: MoneyQuery) -> dict[str, Any]:
    """Count and sum of the matching entries by kind, and overall (the page's filter, every page of it)."""
    by_kind = {kind: {"count": int(count), "cents": int(cents or 0)} for kind, count, cents in session.execute(
        select(LedgerEntry.kind, func.count(), func.sum(LedgerEntry.amount_cents))
        .where(*_conditions(query)).group_by(LedgerEntry.kind))}
    return {"by_kind": {str(k): by_kind[k] for k in LedgerKind if k in by_kind},
            "count": sum(v["count"] for v in by_kind.values()),
            "cents": sum(v["cents"] for v in by_kind.values())}


def invoices_by_status(session: Session) -> list[dict[str, Any]]:
    """Purchase and balance invoices grouped by status: how many, and how much."""
    found = session.execute(select(Invoice.kind, Invoice.status, func.count(), func.sum(Invoice.amount_cents))
                            .group_by(Invoice.kind, Invoice.status).order_by(Invoice.kind, Invoice.status))
    return [{"kind": kind, "status": status, "count": int(count), "cents": int(cents or 0)}
            for kind, status, count, cents in found]


def over_threshold(session: Session) -> list[dict[str, Any]]:
    """Agents whose fees not yet billed have reached their billing threshold (the billing job charges them on
    its next run; one still listed after that run wants a look). Per-referral plans bill by cycle, not here."""
    unbilled = (select(LedgerEntry.agent_id, func.sum(LedgerEntry.amount_cents).label("cents"))
                .where(LedgerEntry.invoice_id.is_(None)).group_by(LedgerEntry.agent_id).subquery())
    found = session.execute(select(Agent.id, Agent.name, Agent.status, Agent.pricing, unbilled.c.cents)
                            .join(unbilled, unbilled.c.agent_id == Agent.id).where(unbilled.c.cents > 0)
                            .order_by(unbilled.c.cents.desc(), Agent.id))
    over = []
    for agent_id, name, status, pricing, cents in found:
        if (pricing or {}).get("plan") == "per_referral":
            continue
        threshold = int((pricing or {}).get("billing_threshold_cents", DEFAULT_THRESHOLD_CENTS))
        if int(cents) >= threshold:
            over.append({"agent_id": agent_id, "name": name, "status": status, "unbilled_cents": int(cents),
                         "threshold_cents": threshold})
    return over


def failed_charges(session: Session) -> list[dict[str, Any]]:
    """Declined balance charges (and purchase payments) still unpaid: who, how much, since when; the agent is
    suspended until a payment succeeds."""
    found = session.execute(
        select(Invoice.id, Invoice.kind, Invoice.amount_cents, Invoice.updated_at, Invoice.stripe_invoice_id,
               Agent.id.label("agent_id"), Agent.name, Agent.status, Agent.suspended_reason)
        .join(Agent, Agent.id == Invoice.agent_id).where(Invoice.status.in_(FOLLOW_UP_STATUSES))
        .order_by(Invoice.updated_at, Invoice.id))
    return [row._asdict() for row in found]


def agent_names(session: Session) -> list[tuple[int, str]]:
    return [(agent_id, name) for agent_id, name in session.execute(select(Agent.id, Agent.name).order_by(Agent.name))]
