"""The referral portal over one Session: accounts and users, invitations and connections, leads, forwarding.

Every function runs inside the caller's transaction (`await store.run(fn)`) and raises a `PortalError` to
refuse; raising rolls the whole transaction back, so a refused request changes nothing.

Direction of an invitation (as the product's users describe it): the account that wants to RECEIVE leads
invites a user of the account it wants leads from; once a user of that account accepts, the invited account
can refer leads to the inviter, and the inviter (the receiver) decides where they land. `invite` is the
one place that assigns the two roles.

Forwarding locks the connection row (`SELECT ... FOR UPDATE` on PostgreSQL; SQLite writers are serialised
by `BEGIN IMMEDIATE`), so the round-robin cursor advances once per forward even when forwards race.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot import portal as rules
from bot.messages import Channel, Outgoing
from bot.portal import Assignment, Direction, Status
from bot.tokens import make_token, read_token
from store import outbox
from store.conversation import BotEnv
from store.portal_models import PortalAccount, PortalConnection, PortalForward, PortalLead, PortalLeadNote, PortalUser

INVITATION_DAYS = 30
LEAD_FIELDS = ("name", "phone", "email", "address", "lead_type", "custom_fields", "folder", "assigned_user_id",
               "source")
SETTINGS_FIELDS = ("folder", "assignment", "assigned_user_id", "source")


# -- refusals ----------------------------------------------------------------------------------
class PortalError(Exception):
    """A refusal with an HTTP status and a sentence a person can act on."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def body(self) -> dict[str, Any]:
        return {"error": self.message}


class NotEnabled(PortalError):
    status = 403

    def __init__(self, account: PortalAccount) -> None:
        super().__init__(rules.not_enabled_text(account.name))


class Forbidden(PortalError):
    status = 403


class Missing(PortalError):
    status = 404


class FieldErrors(PortalError):
    status = 422

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors

    def body(self) -> dict[str, Any]:
        return {"errors": self.errors}


# -- accounts ----------------------------------------------------------------------------------
def create_account(session: Session, fields: dict[str, Any], *, now: datetime) -> PortalAccount:
    account = PortalAccount(name=fields["name"], portal_enabled=fields.get("portal_enabled", False),
                            created_at=now, updated_at=now)
    session.add(account)
    session.flush()
    return account


def account(session: Session, account_id: int | None) -> PortalAccount:
    found = session.get(PortalAccount, account_id) if account_id else None
    if found is None:
        raise Missing("no such account")
    return found


def enabled_account(session: Session, account_id: int | None) -> PortalAccount:
    """The account, if the portal add-on is on for it."""
    found = account(session, account_id)
    if not found.portal_enabled:
        raise NotEnabled(found)
    return found


def update_account(session: Session, account_id: int | None, fields: dict[str, Any], *,
                   now: datetime) -> PortalAccount:
    found = account(session, account_id)
    for key in ("name", "portal_enabled"):
        if key in fields:
            setattr(found, key, fields[key])
    found.updated_at = now
    return found


def list_accounts(session: Session) -> list[PortalAccount]:
    return list(session.scalars(select(PortalAccount).order_by(PortalAccount.id)))


def account_view(found: PortalAccount) -> dict[str, Any]:
    return {"id": found.id, "name": found.name, "portal_enabled": found.portal_enabled,
            "created_at": found.created_at.isoformat()}


# -- users -------------------------------------------------------------------------------------
def create_user(session: Session, account_id: int | None, fields: dict[str, Any], *, now: datetime) -> PortalUser:
    """`fields` carries `password_hash` (hashed by the caller, outside the transaction), never a password."""
    owner = account(session, account_id)
    _check_email_free(session, fields["email"], user_id=None)
    user = PortalUser(account_id=owner.id, name=fields["name"], email=fields["email"], phone=fields.get("phone"),
                      active=fields.get("active", True), password_hash=fields.get("password_hash"),
                      created_at=now, updated_at=now)
    session.add(user)
    session.flush()
    return user


def user_of(session: Session, account_id: int | None, user_id: int | None) -> PortalUser:
    user = session.get(PortalUser, user_id) if user_id else None
    if user is None or user.account_id != account_id:
        raise Missing("no such user in this account")
    return user


def update_user(session: Session, account_id: int | None, user_id: int | None, fields: dict[str, Any], *,
                now: datetime) -> PortalUser:
    user = user_of(session, account_id, user_id)
    if "email" in fields:
        _check_email_free(session, fields["email"], user_id=user.id)
    for key in ("name", "email", "phone", "active", "password_hash"):
        if key in fields:
            setattr(user, key, fields[key])
    user.updated_at = now
    return user


def _check_email_free(session: Session, email: str, *, user_id: int | None) -> None:
    owner = session.scalar(select(PortalUser.id).where(PortalUser.email == email))
    if owner is not None and owner != user_id:
        raise FieldErrors({"email": "another user has this email address"})


def list_users(session: Session, account_id: int | None) -> list[PortalUser]:
    owner = account(session, account_id)
    return list(session.scalars(select(PortalUser).where(PortalUser.account_id == owner.id).order_by(PortalUser.id)))


def user_by_email(session: Session, email: str) -> PortalUser | None:
    return session.scalar(select(PortalUser).where(PortalUser.email == email.strip().lower()))


def user_view(user: PortalUser) -> dict[str, Any]:
    return {"id": user.id, "account_id": user.account_id, "name": user.name, "email": user.email,
            "phone": user.phone, "active": user.active, "can_sign_in": user.password_hash is not None}


def signed_in_user(session: Session, secret: str, value: str, now: datetime) -> PortalUser | None:
    """The active user a session cookie value names, if its MAC holds (it covers the password hash)."""
    user_id = rules.session_subject(value, now)
    user = session.get(PortalUser, user_id) if user_id else None
    if user is None or not user.active or not rules.session_valid(secret, value, user.password_hash):
        return None
    return user


# -- invitations -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Invited:
    connection: PortalConnection
    created: bool


def invite(session: Session, env: BotEnv, inviter_id: int | None, email: str, *, now: datetime) -> Invited:
    """`inviter_id` asks to receive leads from the account of the active user with `email`.

    Re-inviting a pending pair re-sends the email (at most once a day) to the named user; a connected pair
    is left as it is. Neither makes a second connection."""
    inviter = enabled_account(session, inviter_id)
    user = _active_invitee(session, inviter, email)
    invitee = enabled_account(session, user.account_id)
    connection = _connection_between(session, sender_id=invitee.id, receiver_id=inviter.id)
    if connection is not None and connection.status == Status.ACCEPTED:
        return Invited(connection, created=False)
    created = connection is None
    if connection is None:
        connection = PortalConnection(sender_account_id=invitee.id, receiver_account_id=inviter.id,
                                      status=Status.PENDING, invited_user_id=user.id, invited_at=now,
                                      created_at=now, updated_at=now)
        session.add(connection)
        session.flush()
    connection.invited_user_id, connection.invited_at, connection.updated_at = user.id, now, now
    _send_invitation(session, env, connection, inviter, user, now)
    return Invited(connection, created=created)


def _active_invitee(session: Session, inviter: PortalAccount, email: str) -> PortalUser:
    user = user_by_email(session, email)
    if user is None or not user.active:
        raise FieldErrors({"email": "this is not the email address of an active user; check the address with "
                                    "the account you want to receive leads from"})
    if user.account_id == inviter.id:
        raise FieldErrors({"email": "this user belongs to your own account; invite a user of another account"})
    return user


def _connection_between(session: Session, *, sender_id: int, receiver_id: int) -> PortalConnection | None:
    return session.scalar(select(PortalConnection).where(PortalConnection.sender_account_id == sender_id,
                                                         PortalConnection.receiver_account_id == receiver_id))


def invitation_link(env: BotEnv, connection_id: int, now: datetime) -> str:
    """`PUBLIC_BASE_URL/portal/invitations/<token>`: signed with a key derived for portal invitations, so a
    token of the same kind made for another feature never opens a portal invitation."""
    token = make_token(rules.purpose_key(env.secret_key, "invite"), "invite", connection_id,
                       now + timedelta(days=INVITATION_DAYS))
    return f"{env.public_base_url.rstrip('/')}/portal/invitations/{token}"


def invitation_id(secret: str, token: str, now: datetime) -> int:
    """The connection a link names; raises `bot.tokens.BadToken` when tampered, of another kind or expired."""
    return read_token(rules.purpose_key(secret, "invite"), token, "invite", now).subject_id


def _send_invitation(session: Session, env: BotEnv, connection: PortalConnection, inviter: PortalAccount,
                     user: PortalUser, now: datetime) -> None:
    subject, body = rules.invitation_email(inviter.name, user.name, invitation_link(env, connection.id, now))
    key = f"portal_invite:{connection.id}:{user.id}:{now.date().isoformat()}"
    outbox.enqueue(session, Outgoing(Channel.EMAIL, user.email, body, key, subject=subject, kind="portal_invite",
                                     extra={"from": env.email_from}), now=now, max_attempts=env.max_attempts)


def accept(session: Session, connection_id: int | None, user: PortalUser, *, now: datetime) -> PortalConnection:
    """A signed-in user of the invited account accepts; accepting twice changes nothing."""
    connection = invitation_for(session, connection_id, user)
    if connection.status == Status.PENDING:
        connection.status, connection.accepted_at = Status.ACCEPTED, now
        connection.accepted_by_user_id, connection.updated_at = user.id, now
    return connection


def invitation_for(session: Session, connection_id: int | None, user: PortalUser) -> PortalConnection:
    """The invitation, if `user` belongs to the invited account and both accounts have the portal."""
    connection = session.get(PortalConnection, connection_id) if connection_id else None
    if connection is None:
        raise Missing("this invitation no longer exists")
    if user.account_id != connection.sender_account_id:
        raise Forbidden("this invitation was sent to another account; sign in as a user of the invited account")
    enabled_account(session, connection.sender_account_id)
    enabled_account(session, connection.receiver_account_id)
    return connection


# -- connections -------------------------------------------------------------------------------
def connections_of(session: Session, account_id: int | None) -> list[PortalConnection]:
    owner = enabled_account(session, account_id)
    return list(session.scalars(select(PortalConnection).where(or_(
        PortalConnection.sender_account_id == owner.id, PortalConnection.receiver_account_id == owner.id))
        .order_by(PortalConnection.id)))


def direction_for(connection: PortalConnection, viewer_id: int) -> Direction:
    return Direction.REFERS_TO if connection.sender_account_id == viewer_id else Direction.RECEIVES_FROM


def other_account_id(connection: PortalConnection, viewer_id: int) -> int:
    mine = connection.sender_account_id == viewer_id
    return connection.receiver_account_id if mine else connection.sender_account_id


def connection_view(session: Session, connection: PortalConnection, viewer_id: int) -> dict[str, Any]:
    """One connection as one of its accounts sees it; the receiving side also sees its settings."""
    direction, status = direction_for(connection, viewer_id), Status(connection.status)
    other = session.get_one(PortalAccount, other_account_id(connection, viewer_id))
    invited = session.get_one(PortalUser, connection.invited_user_id)
    view = {"id": connection.id, "direction": str(direction), "status": str(status),
            "label": rules.label(direction, status), "account": {"id": other.id, "name": other.name},
            "invited_email": invited.email, "invited_at": connection.invited_at.isoformat(),
            "accepted_at": connection.accepted_at.isoformat() if connection.accepted_at else None}
    if direction is Direction.RECEIVES_FROM:
        view["settings"] = settings_view(session, connection)
    return view


def settings_view(session: Session, connection: PortalConnection) -> dict[str, Any]:
    sender = session.get_one(PortalAccount, connection.sender_account_id)
    return {"folder": connection.folder or rules.DEFAULT_FOLDER, "assignment": connection.assignment,
            "assigned_user_id": connection.assigned_user_id, "source": connection.source or sender.name}


def update_settings(session: Session, account_id: int | None, connection_id: int | None, fields: dict[str, Any], *,
                    now: datetime) -> PortalConnection:
    """The receiving account sets where incoming leads land (folder, assignment, source)."""
    owner = enabled_account(session, account_id)
    connection = _connection_of(session, owner.id, connection_id)
    if connection.receiver_account_id != owner.id:
        raise Forbidden("only the receiving account sets where its incoming leads land")
    for key in SETTINGS_FIELDS:
        if key in fields:
            setattr(connection, key, fields[key])
    connection.folder, connection.source = connection.folder or None, connection.source or None  # "" = default
    _check_assignment(session, connection)
    connection.updated_at = now
    return connection


def _connection_of(session: Session, account_id: int, connection_id: int | None) -> PortalConnection:
    connection = session.get(PortalConnection, connection_id) if connection_id else None
    if connection is None or account_id not in (connection.sender_account_id, connection.receiver_account_id):
        raise Missing("no such connection for this account")
    return connection


def _check_assignment(session: Session, connection: PortalConnection) -> None:
    if connection.assignment != Assignment.USER:
        connection.assigned_user_id = None
        return
    user = session.get(PortalUser, connection.assigned_user_id) if connection.assigned_user_id else None
    if user is None or user.account_id != connection.receiver_account_id or not user.active:
        raise FieldErrors({"assigned_user_id": "fixed assignment needs an active user of the receiving account"})


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
                                    subject=subject, kind="portal_lead", extra={"from": env.email_from}), now)


def _enqueue(session: Session, env: BotEnv, message: Outgoing, now: datetime) -> None:
    outbox.enqueue(session, message, now=now, max_attempts=env.max_attempts)


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
