"""Redaction of a closed referral's client contact details, on request (`referral-bot redact --referral ID`).

Only a referral closed (closed, lost or archived) more than REDACT_AFTER_DAYS ago; anything else is refused with
the reason. The client's name, phone and email go from the contact row, and every place they were copied into
for this referral is scrubbed: the referral's note, its history, its message log (addresses, subjects, bodies,
errors), its outbox rows (recipient, payload, error), review items of its messages, audit details about it, and
raw stored emails that quote them (emptied, as retention does). The rows stay, so the ledger, the offers and the
story remain; one audit entry records who redacted and how much. A second run finds nothing left and changes
nothing.

`Scrubber` is also what exports use to keep free text free of a client's details.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session

from bot.lifecycle import Status
from store import audit
from store.console_models import AuditEntry
from store.inbound_email import InboundEmailStatus
from store.models import HistoryNote, InboundEmail, Message, OutboxRow, Referral, ReferralContact, ReviewItem

REDACTED = "[redacted]"
CLOSED = (Status.CLOSED, Status.LOST, Status.ARCHIVED)
SEPARATOR = r"[\s.\-]*"


class Scrubber:
    """Finds a client's name, phone and email in free text (a phone in its usual spellings, names and emails
    whatever their case) and replaces them."""

    def __init__(self, name: str | None, phone: str | None, email: str | None) -> None:
        patterns = [_phone_pattern(phone)] if phone else []
        patterns += [re.escape(email)] if email else []
        if name and name.strip() and name != REDACTED:
            patterns.append(r"\s+".join(re.escape(part) for part in name.split()))
            patterns += [rf"\b{re.escape(part)}\b" for part in name.split() if len(part) >= 3]
        self.addresses = {a.lower() for a in (phone, email) if a}
        self.pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None

    def text(self, value: str | None, replacement: str = REDACTED) -> str | None:
        if value is None or self.pattern is None:
            return value
        return self.pattern.sub(replacement, value)

    def found_in(self, value: str | None) -> bool:
        return bool(value) and self.pattern is not None and self.pattern.search(value or "") is not None

    def address(self, value: str | None) -> str | None:
        """An address field (to, from, recipient): the whole value goes when it is the client's."""
        if value is not None and value.lower() in self.addresses:
            return REDACTED
        return self.text(value)

    def payload(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.payload(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.payload(v) for v in value]
        return value


def _phone_pattern(phone: str) -> str:
    """+15125559876 also as 512-555-9876, (512) 555 9876, 512.555.9876, 5125559876, 1-512-..."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("1"):
        a, b, c = digits[1:4], digits[4:7], digits[7:]
        return rf"(?:\+?1{SEPARATOR})?\(?{a}\)?{SEPARATOR}{b}{SEPARATOR}{c}(?!\d)"
    return re.escape(phone) + "|" + re.escape(digits) if digits and digits != phone else re.escape(phone)


class Outcome(StrEnum):
    REDACTED = "redacted"
    ALREADY = "already redacted"
    NO_CONTACT = "no contact details"
    MISSING = "missing"
    NOT_CLOSED = "not closed"
    TOO_RECENT = "too recent"


@dataclass(slots=True)
class Redaction:
    outcome: Outcome
    status: str = ""
    closed_at: datetime | None = None
    changed: dict[str, int] = field(default_factory=dict)


def closed_at(session: Session, referral: Referral) -> datetime:
    """When the referral reached its closed status: the history's last move into one (else its last update)."""
    moved = session.scalar(select(func.max(HistoryNote.created_at)).where(
        HistoryNote.referral_id == referral.id, HistoryNote.kind == "status",
        or_(*[HistoryNote.text.like(f"% -> {status}") for status in CLOSED])))
    return moved or referral.updated_at


def check(session: Session, referral_id: int, *, now: datetime, after_days: int) -> Redaction:
    """Whether this referral's contact details may be redacted now, and if not why."""
    referral = session.get(Referral, referral_id)
    if referral is None:
        return Redaction(Outcome.MISSING)
    if referral.status not in CLOSED:
        return Redaction(Outcome.NOT_CLOSED, referral.status)
    when = closed_at(session, referral)
    if now - when < timedelta(days=after_days):
        return Redaction(Outcome.TOO_RECENT, referral.status, when)
    contact = session.get(ReferralContact, referral_id)
    if contact is None:
        return Redaction(Outcome.NO_CONTACT, referral.status, when)
    if contact.name == REDACTED and contact.phone is None and contact.email is None:
        return Redaction(Outcome.ALREADY, referral.status, when)
    return Redaction(Outcome.REDACTED, referral.status, when)


def redact(session: Session, referral_id: int, *, now: datetime, after_days: int, actor: str,
           operator_id: int | None = None) -> Redaction:
    """Redact when `check` allows it; the result says what was done (or why not) and how many fields changed."""
    found = check(session, referral_id, now=now, after_days=after_days)
    if found.outcome is not Outcome.REDACTED:
        return found
    referral = session.get(Referral, referral_id)
    contact = session.get(ReferralContact, referral_id)
    assert referral is not None and contact is not None  # check() read both
    scrub = Scrubber(contact.name, contact.phone, contact.email)
    found.changed = {"contact": 1, "referral": _scrub_referral(referral, scrub)}
    for name, step in STEPS:
        found.changed[name] = step(session, referral, scrub, now)
    contact.name, contact.phone, contact.email = REDACTED, None, None
    contact.sms_consent_how = scrub.text(contact.sms_consent_how)
    referral.updated_at = now
    audit.record(session, actor, "redact", operator_id=operator_id, target=f"referral {referral_id}",
                 detail=", ".join(f"{k}: {v}" for k, v in found.changed.items()), now=now)
    return found


def _scrub_referral(referral: Referral, scrub: Scrubber) -> int:
    before = (referral.note, referral.lost_reason)
    referral.note, referral.lost_reason = scrub.text(referral.note), scrub.text(referral.lost_reason)
    return int(before != (referral.note, referral.lost_reason))


def _changed(row: Any, scrub: Scrubber, texts: tuple[str, ...], addresses: tuple[str, ...] = ()) -> bool:
    """Scrub the named fields of one row; True when any of them changed."""
    changed = False
    for name in texts + addresses:
        old = getattr(row, name)
        new = scrub.address(old) if name in addresses else scrub.text(old)
        if new != old:
            setattr(row, name, new)
            changed = True
    return changed


def _messages_of(referral: Referral, scrub: Scrubber) -> Select[Any]:
    """The referral's messages, and the client's own that were never linked to a referral."""
    addresses = list(scrub.addresses)
    unlinked = Message.referral_id.is_(None) & or_(func.lower(Message.to_addr).in_(addresses),
                                                    func.lower(Message.from_addr).in_(addresses))
    return select(Message).where(or_(Message.referral_id == referral.id, unlinked) if addresses
                                 else Message.referral_id == referral.id)


def _scrub_messages(session: Session, referral: Referral, scrub: Scrubber, now: datetime) -> int:
    count = 0
    for message in session.scalars(_messages_of(referral, scrub)):
        if _changed(message, scrub, ("subject", "body", "error", "url", "reply_to"), ("to_addr", "from_addr")):
            message.updated_at = now
            count += 1
    return count


def _scrub_history(session: Session, referral: Referral, scrub: Scrubber, now: datetime) -> int:
    notes = session.scalars(select(HistoryNote).where(HistoryNote.referral_id == referral.id))
    return sum(_changed(note, scrub, ("text",)) for note in notes)


def _scrub_outbox(session: Session, referral: Referral, scrub: Scrubber, now: datetime) -> int:
    count = 0
    for row in session.scalars(select(OutboxRow).where(OutboxRow.referral_id == referral.id)):
        payload = scrub.payload(dict(row.payload or {}))
        if _changed(row, scrub, ("last_error",), ("recipient",)) | (payload != row.payload):
            row.payload, row.updated_at = payload, now
            count += 1
    return count


def _scrub_review(session: Session, referral: Referral, scrub: Scrubber, now: datetime) -> int:
    ids = select(Message.id).where(Message.referral_id == referral.id)
    addresses = list(scrub.addresses)
    ours = or_(ReviewItem.message_id.in_(ids), ReviewItem.referral_id == referral.id)  # resolved onto it
    where = or_(ours, func.lower(ReviewItem.sender).in_(addresses)) if addresses else ours
    items = session.scalars(select(ReviewItem).where(where))
    return sum(_changed(item, scrub, ("body", "note"), ("sender",)) for item in items)


def _scrub_audit(session: Session, referral: Referral, scrub: Scrubber, now: datetime) -> int:
    entries = session.scalars(select(AuditEntry).where(AuditEntry.target == f"referral {referral.id}"))
    return sum(_changed(entry, scrub, ("detail",)) for entry in entries)


def _empty_raw_emails(session: Session, referral: Referral, scrub: Scrubber, now: datetime) -> int:
    """Processed raw emails since the referral began that quote the client (a reply quoting the contact
    email): emptied, as retention empties old ones. One still waiting to be processed keeps its bytes."""
    candidates = list(session.scalars(select(InboundEmail.id).where(
        InboundEmail.received_at >= referral.created_at, InboundEmail.status != InboundEmailStatus.RECEIVED,
        func.length(InboundEmail.raw) > 0).order_by(InboundEmail.id)))
    quoting = []
    for start in range(0, len(candidates), 200):
        chunk = session.execute(select(InboundEmail.id, InboundEmail.raw).where(
            InboundEmail.id.in_(candidates[start:start + 200])))
        quoting += [email_id for email_id, raw in chunk if scrub.found_in(bytes(raw).decode("latin-1"))]
    if quoting:
        session.execute(update(InboundEmail).where(InboundEmail.id.in_(quoting)).values(raw=b"")
                        .execution_options(synchronize_session=False))
    return len(quoting)


STEPS = (("messages", _scrub_messages), ("history", _scrub_history), ("outbox", _scrub_outbox),
         ("review", _scrub_review), ("audit", _scrub_audit), ("raw_emails", _empty_raw_emails))
