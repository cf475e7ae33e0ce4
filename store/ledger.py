"""The money ledger: every money event of an agent, with a running balance (what the agent owes, in cents).

Fees (`award_fee`, `sale_fee`, `commission`) and `credit`s accrue and are billed to the card by a balance
charge; a paid-referral `purchase` is owed when the payer wins; a `payment` lowers the balance when verified
money lands and a `refund` raises it back when Stripe confirms returning it; `charge` and `failed_charge`
record a charge attempt with amount 0, since the fees it bills are already on the balance. So the running
balance is the plain sum of amounts, and a balance paid in full reads 0.

Each entry has a dedupe key, so an event is booked once however often what causes it is processed. Entries
booked against an invoice carry its id from the start, so only fees and credits are ever billed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.fees import Fee, LedgerKind
from bot.replies import cents as dollars_text
from store.models import Invoice, LedgerEntry

MAX_PAGE = 500


def book(session: Session, agent_id: int, referral_id: int | None, kind: str, cents: int, memo: str, key: str, *,
         now: datetime, invoice_id: int | None = None) -> bool:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(LedgerEntry).values(
        agent_id=agent_id, referral_id=referral_id, kind=str(kind), amount_cents=cents, memo=memo[:300],
        dedupe_key=key, invoice_id=str(invoice_id) if invoice_id is not None else None,
        created_at=now).on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(LedgerEntry.id)
    return session.execute(stmt).scalar_one_or_none() is not None


def charge(session: Session, agent_id: int, referral_id: int | None, fee: Fee, *, now: datetime) -> bool:
    return book(session, agent_id, referral_id, fee.kind, fee.cents, fee.memo, f"{fee.kind}:{referral_id}:{agent_id}",
                now=now)


def credit_award_fee(session: Session, agent_id: int, referral_id: int, *, now: datetime) -> bool:
    """An invalid referral costs nothing: reverse its award fee, if one was booked."""
    fee = session.scalar(select(LedgerEntry).where(LedgerEntry.agent_id == agent_id,
                                                   LedgerEntry.referral_id == referral_id,
                                                   LedgerEntry.kind == LedgerKind.AWARD_FEE))
    if fee is None:
        return False
    return book(session, agent_id, referral_id, LedgerKind.CREDIT, -fee.amount_cents,
                f"Credit: {fee.memo} marked invalid", f"credit:{referral_id}:{agent_id}", now=now)


# -- money events of an invoice ------------------------------------------------------------------
def _on_invoice(session: Session, invoice: Invoice, kind: LedgerKind, cents: int, memo: str, now: datetime) -> bool:
    return book(session, invoice.agent_id, invoice.referral_id, kind, cents, memo, f"{kind}:{invoice.id}", now=now,
                invoice_id=invoice.id)


def purchased(session: Session, invoice: Invoice, code: str, *, now: datetime) -> bool:
    return _on_invoice(session, invoice, LedgerKind.PURCHASE, invoice.amount_cents,
                       f"Purchase of referral #{code} (invoice {invoice.id})", now)


def paid(session: Session, invoice: Invoice, *, now: datetime) -> bool:
    return _on_invoice(session, invoice, LedgerKind.PAYMENT, -invoice.amount_cents,
                       f"Payment of {dollars_text(invoice.amount_cents)} for invoice {invoice.id}", now)


def refunded(session: Session, invoice: Invoice, *, now: datetime) -> bool:
    """Stripe returned the payment: book it back, if a payment was booked (a payment that never counted,
    such as one that did not match the invoice, never lowered the balance)."""
    payment = session.scalar(select(LedgerEntry).where(LedgerEntry.dedupe_key == f"{LedgerKind.PAYMENT}:{invoice.id}"))
    if payment is None:
        return False
    return _on_invoice(session, invoice, LedgerKind.REFUND, -payment.amount_cents,
                       f"Refund of {dollars_text(-payment.amount_cents)} for invoice {invoice.id}", now)


def charged(session: Session, invoice: Invoice, *, now: datetime) -> bool:
    return _on_invoice(session, invoice, LedgerKind.CHARGE, 0,
                       f"Balance of {dollars_text(invoice.amount_cents)} charged to the card (invoice {invoice.id})",
                       now)


def charge_failed(session: Session, invoice: Invoice, *, now: datetime) -> bool:
    return _on_invoice(session, invoice, LedgerKind.FAILED_CHARGE, 0,
                       f"Card declined for {dollars_text(invoice.amount_cents)} (invoice {invoice.id}); still owed",
                       now)


# -- reading -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LedgerQuery:
    agent_id: int | None = None
    kind: LedgerKind | None = None
    since: datetime | None = None    # inclusive
    before: datetime | None = None   # exclusive
    after_id: int = 0                # the cursor: entries after this id
    limit: int = 100


def _with_running_balance() -> Select[LedgerEntry, int]:
    """Every entry with its agent's balance after it, whatever filter is applied on top."""
    balance = func.sum(LedgerEntry.amount_cents).over(partition_by=LedgerEntry.agent_id, order_by=LedgerEntry.id)
    return select(LedgerEntry, balance.label("balance_cents"))


def page(session: Session, query: LedgerQuery) -> dict[str, Any]:
    """Entries oldest first; `next_cursor` continues after the last one when more match."""
    inner = _with_running_balance().subquery()
    stmt = select(inner).where(inner.c.id > query.after_id).order_by(inner.c.id).limit(query.limit + 1)
    if query.agent_id is not None:
        stmt = stmt.where(inner.c.agent_id == query.agent_id)
    if query.kind is not None:
        stmt = stmt.where(inner.c.kind == str(query.kind))
    if query.since:
        stmt = stmt.where(inner.c.created_at >= query.since)
    if query.before:
        stmt = stmt.where(inner.c.created_at < query.before)
    rows = session.execute(stmt).all()
    more = len(rows) > query.limit
    rows = rows[:query.limit]
    return {"items": [entry_view(r) for r in rows], "next_cursor": str(rows[-1].id) if more else None}


def entry_view(row: Any) -> dict[str, Any]:
    return {"id": row.id, "agent_id": row.agent_id, "referral_id": row.referral_id, "kind": row.kind,
            "amount_cents": row.amount_cents, "memo": row.memo, "balance_cents": int(row.balance_cents),
            "invoice_id": row.invoice_id, "created_at": row.created_at}


def balance(session: Session, agent_id: int) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_cents), 0))
                              .where(LedgerEntry.agent_id == agent_id)) or 0)


def ledger_view(session: Session, agent_id: int, query: LedgerQuery | None = None) -> dict[str, Any]:
    """One agent's ledger: its balance now and a page of entries (all of them by default)."""
    query = query or LedgerQuery(limit=MAX_PAGE)
    found = page(session, LedgerQuery(agent_id=agent_id, kind=query.kind, since=query.since, before=query.before,
                                      after_id=query.after_id, limit=query.limit))
    return {"agent_id": agent_id, "balance_cents": balance(session, agent_id), "entries": found["items"],
            "next_cursor": found["next_cursor"]}
