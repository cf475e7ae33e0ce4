"""The referral portal's tables, on the shared declarative `Base` (so one migration covers the whole schema).

Accounts (companies) have users who sign in to the portal pages. A connection is ONE row per ordered pair
(sender account, receiver account). The sender invites a user of the receiver; the row is pending until a
user of the receiving account accepts, then seen by both accounts ("refers to" on the sender's side,
"receives from" on the receiver's). The receiver's settings for incoming leads, and the round-robin cursor,
live on that row; forwards lock it (`FOR UPDATE`) so concurrent forwards take turns. Leads belong to one
account; a forward copies the whitelisted fields into a new lead of the receiving account and records both
ids in `portal_forwards`.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base


class PortalAccount(Base):
    __tablename__ = "portal_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    portal_enabled: Mapped[bool] = mapped_column(default=False)  # the add-on, switched on by support
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class PortalUser(Base):
    __tablename__ = "portal_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("portal_accounts.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), unique=True)  # lower-cased; unique among all users
    phone: Mapped[str | None] = mapped_column(String(20))  # E.164
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))  # scrypt$salt$hash; never returned
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class PortalConnection(Base):
    __tablename__ = "portal_connections"
    __table_args__ = (UniqueConstraint("sender_account_id", "receiver_account_id"),
                      CheckConstraint("sender_account_id <> receiver_account_id", name="ck_portal_not_self"))

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_account_id: Mapped[int] = mapped_column(ForeignKey("portal_accounts.id"), index=True)
    receiver_account_id: Mapped[int] = mapped_column(ForeignKey("portal_accounts.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending accepted
    invited_user_id: Mapped[int] = mapped_column(ForeignKey("portal_users.id"))  # a receiver-side user
    invited_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    accepted_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("portal_users.id"))
    # the receiving account's settings for incoming leads
    folder: Mapped[str | None] = mapped_column(String(200))
    assignment: Mapped[str] = mapped_column(String(16), default="round_robin")  # round_robin user
    assigned_user_id: Mapped[int | None] = mapped_column(ForeignKey("portal_users.id"))
    source: Mapped[str | None] = mapped_column(String(200))  # None: the sender's name
    rotation_last_user_id: Mapped[int | None]  # the round-robin cursor
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class PortalLead(Base):
    __tablename__ = "portal_leads"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("portal_accounts.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(320))
    address: Mapped[str | None] = mapped_column(String(500))
    lead_type: Mapped[str | None] = mapped_column(String(16))
    custom_fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    folder: Mapped[str | None] = mapped_column(String(200))
    assigned_user_id: Mapped[int | None] = mapped_column(ForeignKey("portal_users.id"))
    source: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class PortalLeadNote(Base):
    """A lead's history notes. They stay with their account: a forward never copies them."""

    __tablename__ = "portal_lead_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("portal_leads.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # note forwarded received
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class PortalForward(Base):
    """One lead sent over one connection. An idempotency key makes a retried request a no-op."""

    __tablename__ = "portal_forwards"
    __table_args__ = (UniqueConstraint("connection_id", "idempotency_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    connection_id: Mapped[int] = mapped_column(ForeignKey("portal_connections.id"), index=True)
    from_lead_id: Mapped[int] = mapped_column(ForeignKey("portal_leads.id"), index=True)
    to_lead_id: Mapped[int] = mapped_column(ForeignKey("portal_leads.id"), unique=True)
    message: Mapped[str] = mapped_column(Text, default="")
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    forwarded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("portal_users.id"))
    assigned_user_id: Mapped[int | None] = mapped_column(ForeignKey("portal_users.id"))
    forwarded_at: Mapped[datetime]


class PortalSession(Base):
    """A signed-in browser: the cookie holds a random token, this row its SHA-256. Signing out deletes the row,
    so a copied cookie is dead too; a password change deletes every row of that user."""

    __tablename__ = "portal_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("portal_users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class PortalSigninThrottle(Base):
    """Failed sign-ins counted per account (typed email) and per client address, in the database so every web
    process sees the same counts. `key` is a SHA-256 of `account:<email>` or `address:<ip>`."""

    __tablename__ = "portal_signin_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]
