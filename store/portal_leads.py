"""The referral portal's leads over one Session: leads, their history notes, and forwarding a lead from the
account that refers it (the sender) to the account that receives it over an accepted connection.

Only `bot.portal.FORWARDED_FIELDS` travel (plus the sender's message, which becomes a note on the copy);
custom fields and the sender's history notes never do. The copy lands where the receiving account's settings
on the connection say (folder, fixed user or round robin, source), a history note is written on the sender's
lead, and the assignee is told by text and email through the outbox, all in one transaction.

Forwarding locks the connection row (`SELECT ... FOR UPDATE` on PostgreSQL; SQLite writers are serialised
by `BEGIN IMMEDIATE`), so the round-robin cursor advances once per forward even when forwards race.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot import portal as rules
from bot.messages import Channel, EmailHeaders, Outgoing
from bot.portal import Assignment, Status
from store import sending
from store.env import BotEnv
from store.portal import FieldErrors, Missing, account, enabled_account, user_of
from store.portal_connections import other_account_id
from store.portal_models import PortalAccount, PortalConnection, PortalForward, PortalLead, PortalLeadNote, PortalUser

LEAD_FIELDS = ("name", "phone", "email", "address", "lead_type", "custom_fields", "folder", "assigned_user_id",
               "source")


# -- leads -------------------------------------------------------------------------------------
def create_lead(session: Session, account_id: int | None, fields: dict[str, Any], *, now: datetime) -> PortalLead:
    owner = account(session, account_id)
    if fields.get("assigned_user_id") is not None:
        user_of(session, owner.id, fields["assigned_user_id"])
    lead = PortalLead(account_id=owner.id, created_at=now, updated_at=now,
                      **{k: v for k, v in fields.items() if k in LEAD_FIELDS})
    lead.custom_fields = lead.custom_fields or {}
    session.add(lead)
    session.flush()
    for text in fields.get("notes", []):
        add_note(session, lead.id, "note", text, now=now)
    return lead


def lead(session: Session, lead_id: int | None) -> PortalLead:
    found = session.get(PortalLead, lead_id) if lead_id else None
    if found is None:
        raise Missing("no such lead")
    return found


def add_note(session: Session, lead_id: int, kind: str, text: str, *, now: datetime) -> PortalLeadNote:
    note = PortalLeadNote(lead_id=lead_id, kind=kind, text=text, created_at=now)
    session.add(note)
    session.flush()
    return note


def list_leads(session: Session, account_id: int | None, *, folder: str | None = None,
               limit: int = 500) -> list[PortalLead]:
    owner = account(session, account_id)
    query = select(PortalLead).where(PortalLead.account_id == owner.id).order_by(PortalLead.id).limit(limit)
    if folder:
        query = query.where(PortalLead.folder == folder)
    return list(session.scalars(query))


def notes_of(session: Session, lead_id: int) -> list[PortalLeadNote]:
    return list(session.scalars(select(PortalLeadNote).where(PortalLeadNote.lead_id == lead_id)
                                .order_by(PortalLeadNote.id)))


def lead_view(session: Session, found: PortalLead, *, with_notes: bool = False) -> dict[str, Any]:
    view = {"id": found.id, "account_id": found.account_id, "name": found.name, "phone": found.phone,
            "email": found.email, "address": found.address, "lead_type": found.lead_type,
            "custom_fields": found.custom_fields, "folder": found.folder,
            "assigned_user_id": found.assigned_user_id, "source": found.source,
            "created_at": found.created_at.isoformat()}
    if with_notes:
        view["notes"] = [{"id": n.id, "kind": n.kind, "text": n.text, "created_at": n.created_at.isoformat()}
                         for n in notes_of(session, found.id)]
    return view


# -- forwarding --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ForwardRequest:
    lead_id: int | None
    connection_id: int
    message: str = ""
    idempotency_key: str | None = None
    by_user_id: int | None = None  # a signed-in user, when sent from the pages


@dataclass(frozen=True, slots=True)
class Forwarded:
    forward: PortalForward
    created: bool


def forward(session: Session, env: BotEnv, request: ForwardRequest, *, now: datetime) -> Forwarded:
    """Send a lead over an accepted connection: a new lead in the receiving account placed by its settings,
    a history note on the original, and a text and an email to the assignee, in one transaction."""
    original = lead(session, request.lead_id)
    connection = _locked_connection(session, request.connection_id)
    _check_can_forward(session, original, connection)
    if request.idempotency_key:
        earlier = _earlier_forward(session, connection.id, request.idempotency_key, original.id)
        if earlier is not None:
            return Forwarded(earlier, created=False)
    sender = session.get_one(PortalAccount, connection.sender_account_id)
    receiver = session.get_one(PortalAccount, connection.receiver_account_id)
    assignee = choose_assignee(session, connection)
    copy = _receive(session, connection, original, sender, assignee, request.message, now)
    add_note(session, original.id, "forwarded", rules.forward_note(receiver.name, now, request.message), now=now)
    record = PortalForward(connection_id=connection.id, from_lead_id=original.id, to_lead_id=copy.id,
                           message=request.message, idempotency_key=request.idempotency_key or None,
                           forwarded_by_user_id=request.by_user_id,
                           assigned_user_id=assignee.id if assignee else None, forwarded_at=now)
    session.add(record)
    session.flush()
    if assignee is not None:
        _notify(session, env, record, copy, assignee, sender.name, now)
    return Forwarded(record, created=True)


def _locked_connection(session: Session, connection_id: int) -> PortalConnection:
    """The connection row, locked until commit: concurrent forwards over it take turns."""
    connection = session.scalar(select(PortalConnection).where(PortalConnection.id == connection_id)
                                .with_for_update().execution_options(populate_existing=True))
    if connection is None:
        raise FieldErrors({"connection_id": "no such connection"})
    return connection


def _check_can_forward(session: Session, original: PortalLead, connection: PortalConnection) -> None:
    if connection.sender_account_id != original.account_id:
        raise FieldErrors({"connection_id": "this lead's account does not refer leads over this connection"})
    enabled_account(session, connection.sender_account_id)
    enabled_account(session, connection.receiver_account_id)
    if connection.status != Status.ACCEPTED:
        raise FieldErrors({"connection_id": "the invitation for this connection has not been accepted yet"})


def _earlier_forward(session: Session, connection_id: int, key: str, lead_id: int) -> PortalForward | None:
    earlier = session.scalar(select(PortalForward).where(PortalForward.connection_id == connection_id,
                                                         PortalForward.idempotency_key == key))
    if earlier is not None and earlier.from_lead_id != lead_id:
        raise FieldErrors({"idempotency_key": "this key was already used to forward another lead"})
    return earlier


def choose_assignee(session: Session, connection: PortalConnection) -> PortalUser | None:
    """The fixed user while they are active; otherwise the next active user in turn (None if nobody is)."""
    if connection.assignment == Assignment.USER and connection.assigned_user_id:
        fixed = session.get(PortalUser, connection.assigned_user_id)
        if fixed is not None and fixed.active and fixed.account_id == connection.receiver_account_id:
            return fixed
    active = session.scalars(select(PortalUser.id).where(PortalUser.account_id == connection.receiver_account_id,
                                                         PortalUser.active.is_(True))).all()
    chosen = rules.next_in_rotation(active, connection.rotation_last_user_id)
    if chosen is None:
        return None
    connection.rotation_last_user_id = chosen
    return session.get_one(PortalUser, chosen)


def _receive(session: Session, connection: PortalConnection, original: PortalLead, sender: PortalAccount,
             assignee: PortalUser | None, message: str, now: datetime) -> PortalLead:
    """The receiving account's new lead: the whitelisted fields only, placed by the connection's settings."""
    travels = rules.forwarded_copy(lead_view(session, original))
    copy = PortalLead(account_id=connection.receiver_account_id, **travels, custom_fields={},
                      folder=connection.folder or rules.DEFAULT_FOLDER, source=connection.source or sender.name,
                      assigned_user_id=assignee.id if assignee else None, created_at=now, updated_at=now)
    session.add(copy)
    session.flush()
    add_note(session, copy.id, "received", rules.received_note(sender.name, now, message), now=now)
    return copy


def _notify(session: Session, env: BotEnv, record: PortalForward, copy: PortalLead, assignee: PortalUser,
            sender_name: str, now: datetime) -> None:
    """The assignee hears about the lead by text (when they have a phone) and by email."""
    details = rules.forwarded_copy(lead_view(session, copy))
    link = f"{env.public_base_url.rstrip('/')}/portal/leads/{copy.id}"
    if assignee.phone:
        text = rules.lead_sms(sender_name, details, record.message)
        _enqueue(session, env, Outgoing(Channel.SMS, assignee.phone, text, f"portal_lead:{record.id}:sms",
                                        kind="portal_lead"), now)
    subject, body = rules.lead_email(sender_name, details, record.message, link)
    _enqueue(session, env, Outgoing(Channel.EMAIL, assignee.email, body, f"portal_lead:{record.id}:email",
                                    subject=subject, kind="portal_lead",
                                    email=EmailHeaders(sender=env.email_from)), now)


def _enqueue(session: Session, env: BotEnv, message: Outgoing, now: datetime) -> None:
    sending.send(session, env, message, now=now)


def forwards_of(session: Session, account_id: int | None) -> list[dict[str, Any]]:
    """Leads this account sent and received over the portal, oldest first."""
    owner = enabled_account(session, account_id)
    rows = session.execute(select(PortalForward, PortalConnection).join(
        PortalConnection, PortalConnection.id == PortalForward.connection_id).where(or_(
            PortalConnection.sender_account_id == owner.id, PortalConnection.receiver_account_id == owner.id))
        .order_by(PortalForward.id))
    return [forward_view(session, record, connection, owner.id) for record, connection in rows]


def forward_view(session: Session, record: PortalForward, connection: PortalConnection,
                 viewer_id: int) -> dict[str, Any]:
    sent = connection.sender_account_id == viewer_id
    other = session.get_one(PortalAccount, other_account_id(connection, viewer_id))
    return {"id": record.id, "direction": "sent" if sent else "received", "connection_id": connection.id,
            "account": {"id": other.id, "name": other.name},
            "lead_id": record.from_lead_id if sent else record.to_lead_id, "message": record.message,
            "assigned_user_id": None if sent else record.assigned_user_id,
            "idempotency_key": record.idempotency_key, "forwarded_at": record.forwarded_at.isoformat()}


def forward_result(session: Session, record: PortalForward) -> dict[str, Any]:
    """What the forward endpoint answers: both leads and where the copy landed."""
    copy = lead(session, record.to_lead_id)
    return {"id": record.id, "connection_id": record.connection_id, "lead_id": record.from_lead_id,
            "forwarded_lead": lead_view(session, copy), "message": record.message,
            "idempotency_key": record.idempotency_key, "forwarded_at": record.forwarded_at.isoformat()}
