"""The referral board: every referral, newest first, filtered, searched and paged by cursor.

Paging is keyset on the referral id (ids grow with creation): the cursor names the last id shown, so a
referral put in while someone pages never shifts or repeats the pages after it. The cursor is opaque to
clients (`encode_cursor`/`decode_cursor`). One query picks the page's ids; a few more fill in each item's
winner, offers and fees, so the page costs the same however large the network is.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, exists, func, or_, select, union
from sqlalchemy.orm import Session

from bot.fees import LedgerKind
from bot.invoices import InvoiceStatus
from bot.lifecycle import AWAITING_UPDATE
from bot.states import OutboxStatus
from store.models import Agent, Invoice, LedgerEntry, Offer, OutboxRow, Referral, ReferralContact

MAX_PAGE = 200
FEE_KINDS = (LedgerKind.AWARD_FEE, LedgerKind.SALE_FEE, LedgerKind.COMMISSION, LedgerKind.CREDIT,
             LedgerKind.PURCHASE)
CURSOR_PREFIX = "r:"


class BadCursor(ValueError):
    """Not a cursor this service gave out."""


def encode_cursor(referral_id: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{referral_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadCursor(cursor) from exc
    number = raw.removeprefix(CURSOR_PREFIX)
    if not raw.startswith(CURSOR_PREFIX) or not (number.isascii() and number.isdigit()) or len(number) > 10:
        raise BadCursor(cursor)
    return int(number)


@dataclass(frozen=True, slots=True)
class BoardQuery:
    status: str | None = None
    mode: str | None = None
    zip_code: str | None = None
    agent_id: int | None = None        # the winner or any agent offered it
    q: str | None = None               # code, area or agent name (and the client's name when allowed)
    search_clients: bool = False       # admins only: the search also matches the client's name
    since: datetime | None = None      # created at or after
    before: datetime | None = None     # created before
    needs_attention: bool = False
    before_id: int | None = None       # the cursor: referrals older than this id
    limit: int = 50


def page(session: Session, query: BoardQuery, *, now: datetime, unclaimed_after_seconds: int = 3600,
         report_overdue_days: int = 14) -> dict[str, Any]:
    stmt = _filtered(query, now, unclaimed_after_seconds, report_overdue_days)
    ids = list(session.scalars(stmt.order_by(Referral.id.desc()).limit(query.limit + 1)))
    more = len(ids) > query.limit
    ids = ids[:query.limit]
    return {"items": items(session, ids), "next_cursor": encode_cursor(ids[-1]) if more else None}


def _filtered(query: BoardQuery, now: datetime, unclaimed_after_seconds: int, report_overdue_days: int) -> Select[Any]:
    stmt = select(Referral.id)
    if query.before_id is not None:
        stmt = stmt.where(Referral.id < query.before_id)
    if query.status:
        stmt = stmt.where(Referral.status == query.status)
    if query.mode:
        stmt = stmt.where(Referral.mode == query.mode)
    if query.zip_code:
        stmt = stmt.where(Referral.zip_code == query.zip_code)
    if query.since:
        stmt = stmt.where(Referral.created_at >= query.since)
    if query.before:
        stmt = stmt.where(Referral.created_at < query.before)
    if query.agent_id is not None:
        stmt = stmt.where(Referral.id.in_(union(
            select(Referral.id).where(Referral.winner_agent_id == query.agent_id),
            select(Offer.referral_id).where(Offer.agent_id == query.agent_id))))
    if query.q:
        stmt = stmt.where(_search(query.q, query.search_clients))
    if query.needs_attention:
        stmt = stmt.where(needs_attention(now, unclaimed_after_seconds, report_overdue_days))
    return stmt


def _search(q: str, search_clients: bool) -> Any:
    """A referral whose code or area is the term, or offered to or won by an agent whose name holds it, or (for
    those who may see clients) whose client's name holds it. The candidates are collected as one UNION of ids,
    each part from its own index, so a search costs its matches, not a walk over every referral."""
    term = q.strip().lstrip("#")
    pattern = "%" + term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    named = select(Agent.id).where(func.lower(Agent.name).like(pattern, escape="\\"))
    parts: list[Select[Any]] = [select(Referral.id).where(Referral.code == term)]
    if term.isdigit() and len(term) == 5:
        parts.append(select(Referral.id).where(Referral.zip_code == term))
    if any(ch.isalpha() for ch in term):
        parts += [select(Referral.id).where(Referral.winner_agent_id.in_(named)),
                  select(Offer.referral_id).where(Offer.agent_id.in_(named))]
        if search_clients:
            parts.append(select(ReferralContact.referral_id)
                         .where(func.lower(ReferralContact.name).like(pattern, escape="\\")))
    return Referral.id.in_(union(*parts))


def needs_attention(now: datetime, unclaimed_after_seconds: int, report_overdue_days: int) -> Any:
    """Unclaimed past its window, no report back from the winner, a dead letter, or a failed payment."""
    unclaimed = (Referral.winner_agent_id.is_(None)) & (Referral.status.in_(("new", "pending", "accepted"))) & \
        (Referral.created_at < now - timedelta(seconds=unclaimed_after_seconds))
    quiet_since = func.coalesce(Referral.last_update_at, Referral.awarded_at)
    no_report = (Referral.status.in_([str(s) for s in AWAITING_UPDATE])) & \
        (quiet_since < now - timedelta(days=report_overdue_days))
    dead = exists().where(OutboxRow.referral_id == Referral.id, OutboxRow.status == OutboxStatus.DEAD)
    failed = exists().where(Invoice.referral_id == Referral.id, Invoice.status == InvoiceStatus.PAYMENT_FAILED)
    return or_(unclaimed, no_report, dead, failed)


def items(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """The board's rows for these referral ids, in the order given."""
    if not ids:
        return []
    referrals = {r.id: r for r in session.scalars(select(Referral).where(Referral.id.in_(ids)))}
    winner_ids = {r.winner_agent_id for r in referrals.values() if r.winner_agent_id}
    names = dict(session.execute(select(Agent.id, Agent.name).where(Agent.id.in_(winner_ids))).all()) \
        if winner_ids else {}
    offers = {row.referral_id: row for row in session.execute(
        select(Offer.referral_id, func.count().label("sent"), func.min(Offer.notified_at).label("first"))
        .where(Offer.referral_id.in_(ids)).group_by(Offer.referral_id))}
    fees = dict(session.execute(
        select(LedgerEntry.referral_id, func.sum(LedgerEntry.amount_cents))
        .where(LedgerEntry.referral_id.in_(ids), LedgerEntry.kind.in_([str(k) for k in FEE_KINDS]))
        .group_by(LedgerEntry.referral_id)).all())
    return [item(referrals[i], names, offers.get(i), fees.get(i)) for i in ids if i in referrals]


def item(referral: Referral, names: dict[int, str], offers: Any, fee: int | None) -> dict[str, Any]:
    first_offer = offers.first if offers is not None else None
    claimed = referral.awarded_at if referral.winner_agent_id else None
    winner = {"id": referral.winner_agent_id, "name": names.get(referral.winner_agent_id, "")} \
        if referral.winner_agent_id else None
    return {"id": referral.id, "code": referral.code, "status": referral.status, "mode": referral.mode,
            "zip": referral.zip_code, "client_type": referral.client_type, "created_at": referral.created_at,
            "winner": winner, "offers_sent": offers.sent if offers is not None else 0,
            "seconds_to_claim": int((claimed - first_offer).total_seconds()) if claimed and first_offer else None,
            "sale_amount": referral.sale_amount, "fee_cents": int(fee) if fee is not None else None}
