"""The fee ledger: entries per agent with a running balance. Each entry has a dedupe key, so a fee is
booked once however often the event that causes it is processed."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.fees import Fee
from store.models import LedgerEntry


def book(session: Session, agent_id: int, referral_id: int | None, kind: str, cents: int, memo: str, key: str, *,
         now: datetime) -> bool:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(LedgerEntry).values(
        agent_id=agent_id, referral_id=referral_id, kind=kind, amount_cents=cents, memo=memo, dedupe_key=key,
        created_at=now).on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(LedgerEntry.id)
    return session.execute(stmt).scalar_one_or_none() is not None


def charge(session: Session, agent_id: int, referral_id: int | None, fee: Fee, *, now: datetime) -> bool:
    return book(session, agent_id, referral_id, fee.kind, fee.cents, fee.memo, f"{fee.kind}:{referral_id}:{agent_id}",
                now=now)


def credit_award_fee(session: Session, agent_id: int, referral_id: int, *, now: datetime) -> bool:
    """An invalid referral costs nothing: reverse its award fee, if one was booked."""
    fee = session.scalar(select(LedgerEntry).where(LedgerEntry.agent_id == agent_id,
                                                   LedgerEntry.referral_id == referral_id,
                                                   LedgerEntry.kind == "award_fee"))
    if fee is None:
        return False
    return book(session, agent_id, referral_id, "credit", -fee.amount_cents, f"Credit: {fee.memo} marked invalid",
                f"credit:{referral_id}:{agent_id}", now=now)


def entries(session: Session, agent_id: int) -> list[LedgerEntry]:
    return list(session.scalars(select(LedgerEntry).where(LedgerEntry.agent_id == agent_id)
                                .order_by(LedgerEntry.id)))


def ledger_view(session: Session, agent_id: int) -> dict[str, Any]:
    balance, rows = 0, []
    for entry in entries(session, agent_id):
        balance += entry.amount_cents
        rows.append({"id": entry.id, "referral_id": entry.referral_id, "kind": entry.kind,
                     "amount_cents": entry.amount_cents, "memo": entry.memo, "balance_cents": balance,
                     "invoice_id": entry.invoice_id, "created_at": entry.created_at})
    return {"agent_id": agent_id, "balance_cents": balance, "entries": rows}
