"""The referral portal's accounts and users over one Session, and the refusals every portal module raises.

Every function of the portal's store modules (this one, `store.portal_connections` for invitations,
connections and their settings, `store.portal_leads` for leads and forwarding) runs inside the caller's
transaction (`await store.run(fn)`) and raises a `PortalError` to refuse; raising rolls the whole transaction
back, so a refused request changes nothing.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import portal as rules
from store import portal_signin
from store.portal_models import PortalAccount, PortalUser


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
    if "password_hash" in fields:  # a new password signs out every browser of this user
        portal_signin.end_sessions_of(session, user.id)
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

