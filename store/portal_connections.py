"""The referral portal's invitations and connections over one Session, and the receiving account's settings.

Direction: the account that wants to REFER leads (A, the sender) invites a user of the account it wants to
refer them to (B, the receiver), by that user's email. The connection is pending until a signed-in user of B
accepts through the signed link in the invitation email; then A sees B as an account it can refer leads to,
B sees A as one it receives leads from, and B decides where A's leads land (folder, assignment, source).
`invite` is the one place that assigns the two roles; `invitation_for` is the one place that says who may
accept.

Functions run inside the caller's transaction and refuse with a `store.portal.PortalError`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot import portal as rules
from bot.messages import Channel, EmailHeaders, Outgoing
from bot.portal import Assignment, Direction, Status
from bot.tokens import make_token, read_token
from store import sending
from store.env import BotEnv
from store.portal import FieldErrors, Forbidden, Missing, enabled_account, user_by_email
from store.portal_models import PortalAccount, PortalConnection, PortalUser

INVITATION_DAYS = 30
SETTINGS_FIELDS = ("folder", "assignment", "assigned_user_id", "source")


# -- invitations -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Invited:
    connection: PortalConnection
    created: bool


def invite(session: Session, env: BotEnv, inviter_id: int | None, email: str, *, now: datetime) -> Invited:
    """`inviter_id` (A) invites the account (B) of the active user with `email`; once B accepts, A can refer
    leads to B and B receives them from A (B sets where they land).

    Re-inviting a pending pair re-sends the email (at most once a day) to the named user; a connected pair
    is left as it is. Neither makes a second connection."""
    inviter = enabled_account(session, inviter_id)
    user = _active_invitee(session, inviter, email)
    invitee = enabled_account(session, user.account_id)
    connection = _connection_between(session, sender_id=inviter.id, receiver_id=invitee.id)
    if connection is not None and connection.status == Status.ACCEPTED:
        return Invited(connection, created=False)
    created = connection is None
    if connection is None:
        connection = PortalConnection(sender_account_id=inviter.id, receiver_account_id=invitee.id,
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
                                    "the account you want to refer leads to"})
    if user.account_id == inviter.id:
        raise FieldErrors({"email": "this user belongs to your own account; invite a user of the account you "
                                    "want to refer leads to"})
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
    """Email the invited user of B that A would like to refer leads to them, with the signed link."""
    subject, body = rules.invitation_email(inviter.name, user.name, invitation_link(env, connection.id, now))
    key = f"portal_invite:{connection.id}:{user.id}:{now.date().isoformat()}"
    sending.send(session, env, Outgoing(Channel.EMAIL, user.email, body, key, subject=subject, kind="portal_invite",
                                        email=EmailHeaders(sender=env.email_from)), now=now)


def accept(session: Session, connection_id: int | None, user: PortalUser, *, now: datetime) -> PortalConnection:
    """A signed-in user of the invited (receiving) account accepts; accepting twice changes nothing."""
    connection = invitation_for(session, connection_id, user)
    if connection.status == Status.PENDING:
        connection.status, connection.accepted_at = Status.ACCEPTED, now
        connection.accepted_by_user_id, connection.updated_at = user.id, now
    return connection


def invitation_for(session: Session, connection_id: int | None, user: PortalUser) -> PortalConnection:
    """The invitation, if `user` belongs to the invited (receiving) account and both accounts have the portal.
    A user of the inviting account, or of any third account, is refused."""
    connection = session.get(PortalConnection, connection_id) if connection_id else None
    if connection is None:
        raise Missing("this invitation no longer exists")
    if user.account_id != connection.receiver_account_id:
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
    """REFERS_TO for the sending account (the inviter), RECEIVES_FROM for the receiving one (the invitee)."""
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


# -- where incoming leads land: the receiving account's settings --------------------------------
def settings_view(session: Session, connection: PortalConnection) -> dict[str, Any]:
    sender = session.get_one(PortalAccount, connection.sender_account_id)
    return {"folder": connection.folder or rules.DEFAULT_FOLDER, "assignment": connection.assignment,
            "assigned_user_id": connection.assigned_user_id, "source": connection.source or sender.name}


def update_settings(session: Session, account_id: int | None, connection_id: int | None, fields: dict[str, Any], *,
                    now: datetime) -> PortalConnection:
    """The receiving account (B) sets where the leads it receives over this connection land."""
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
