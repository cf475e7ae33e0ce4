"""`referral-bot export`: the network's own books as CSV files, for a window of time.

Four files: referrals (created or changed in the window), offers (made or answered in it), outcomes (the winners'
reports in it, with the referral's result) and ledger rows (booked in it). No client contact details unless the
export asks for them: without them there are no client columns, and free text (a referral's note, an agent's
report) has the client's name, phone and email replaced (store.redaction.Scrubber).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from store import csv_cells, money_views
from store.models import Agent, HistoryNote, Offer, Referral, ReferralContact
from store.redaction import Scrubber

HIDDEN = "[client details]"
REFERRALS = ("id", "code", "status", "mode", "zip_code", "client_type", "price_min", "price_max", "timeline",
             "price_cents", "created_at", "updated_at", "awarded_at", "winner_agent_id", "winner_name", "sale_amount",
             "lost_reason", "invalid", "note")
CONTACTS = ("client_name", "client_phone", "client_email")
OFFERS = ("id", "referral_id", "referral_code", "agent_id", "agent_name", "status", "channel", "notified_at",
          "responded_at", "expires_at", "rank")
OUTCOMES = ("id", "reported_at", "referral_id", "referral_code", "agent_id", "agent_name", "report",
            "referral_status", "sale_amount", "lost_reason", "invalid")
LEDGER = ("id", "created_at", "kind", "amount", "amount_cents", "agent_id", "agent_name", "referral_id",
          "referral_code", "invoice_id", "memo")
BATCH = 500


@dataclass(frozen=True, slots=True)
class Export:
    since: datetime
    with_contacts: bool = False


def _contacts(session: Session, referral_ids: list[int]) -> dict[int, ReferralContact]:
    return {c.referral_id: c for c in session.scalars(select(ReferralContact).where(
        ReferralContact.referral_id.in_(referral_ids)))} if referral_ids else {}


def _private(text: str | None, contact: ReferralContact | None, export: Export) -> str | None:
    """Free text as the export may show it: as written with contacts, else without the client's details."""
    if export.with_contacts or contact is None or text is None:
        return text
    return Scrubber(contact.name, contact.phone, contact.email).text(text, HIDDEN)


def _batched(session: Session, stmt: Any, key: Any) -> Iterator[list[Any]]:
    """Rows of `stmt` in batches by the id column `key`, so a large window never sits in memory at once."""
    after = 0
    while True:
        found = list(session.execute(stmt.where(key > after).order_by(key).limit(BATCH)))
        if found:
            yield found
        if len(found) < BATCH:
            return
        after = found[-1][0].id if hasattr(found[-1][0], "id") else found[-1][0]


def referrals(session: Session, export: Export) -> Iterator[dict[str, Any]]:
    winner = aliased(Agent)
    stmt = (select(Referral, winner.name).outerjoin(winner, winner.id == Referral.winner_agent_id)
            .where(or_(Referral.created_at >= export.since, Referral.updated_at >= export.since)))
    for batch in _batched(session, stmt, Referral.id):
        contacts = _contacts(session, [r.id for r, _ in batch])
        for referral, winner_name in batch:
            contact = contacts.get(referral.id)
            row = {name: getattr(referral, name) for name in REFERRALS if hasattr(referral, name)}
            row.update(winner_name=winner_name, note=_private(referral.note, contact, export),
                       lost_reason=_private(referral.lost_reason, contact, export))
            if export.with_contacts and contact is not None:
                row.update(client_name=contact.name, client_phone=contact.phone, client_email=contact.email)
            yield row


def offers(session: Session, export: Export) -> Iterator[dict[str, Any]]:
    stmt = (select(Offer, Referral.code, Agent.name).join(Referral, Referral.id == Offer.referral_id)
            .join(Agent, Agent.id == Offer.agent_id)
            .where(or_(Offer.notified_at >= export.since, Offer.responded_at >= export.since)))
    for batch in _batched(session, stmt, Offer.id):
        for offer, code, agent_name in batch:
            yield {**{name: getattr(offer, name) for name in OFFERS if hasattr(offer, name)},
                   "referral_code": code, "agent_name": agent_name}


def outcomes(session: Session, export: Export) -> Iterator[dict[str, Any]]:
    """Each report a winner sent (the agent's words as recorded), with where the referral stands now."""
    stmt = (select(HistoryNote, Referral, Agent.name).join(Referral, Referral.id == HistoryNote.referral_id)
            .outerjoin(Agent, Agent.id == HistoryNote.agent_id)
            .where(HistoryNote.kind == "report", HistoryNote.created_at >= export.since))
    for batch in _batched(session, stmt, HistoryNote.id):
        contacts = _contacts(session, list({r.id for _, r, _ in batch}))
        for note, referral, agent_name in batch:
            contact = contacts.get(referral.id)
            yield {"id": note.id, "reported_at": note.created_at, "referral_id": referral.id,
                   "referral_code": referral.code, "agent_id": note.agent_id, "agent_name": agent_name,
                   "report": _private(note.text, contact, export), "referral_status": referral.status,
                   "sale_amount": referral.sale_amount, "lost_reason": _private(referral.lost_reason, contact, export),
                   "invalid": referral.invalid}


def ledger(session: Session, export: Export) -> Iterator[dict[str, Any]]:
    for row in money_views.rows(session, money_views.MoneyQuery(since=export.since)):
        yield {**row, "amount": csv_cells.dollars(row["amount_cents"])}


FILES: tuple[tuple[str, tuple[str, ...], Callable[[Session, Export], Iterator[dict[str, Any]]]], ...] = (
    ("referrals", REFERRALS, referrals), ("offers", OFFERS, offers), ("outcomes", OUTCOMES, outcomes),
    ("ledger", LEDGER, ledger))


def write_all(session: Session, export: Export, folder: Path) -> dict[str, int]:
    """Write the four files into `folder` (readable by their owner only); returns the rows in each."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, header, rows in FILES:
        columns = header + CONTACTS if name == "referrals" and export.with_contacts else header
        path = folder / f"{name}.csv"
        path.touch(mode=0o600)
        path.chmod(0o600)
        with path.open("w", newline="", encoding="utf-8") as out:
            counts[name] = csv_cells.write(out, columns, rows(session, export))
    return counts
