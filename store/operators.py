"""Operator accounts and their console sessions.

Passwords are hashed with argon2id (argon2-cffi's defaults, parameters kept in the hash, so a later
tuning re-hashes on the next sign-in). Sessions work as the portal's (store.portal_signin): the cookie holds a
random token, the table its SHA-256; signing out deletes the row, expiry ends it. Failed sign-ins use the
portal's throttle (`portal_signin.record_failure`, `wait_left`) under console-specific keys.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.operators import OperatorRole
from store import portal_signin
from store.console_models import Operator, OperatorSession, OperatorToken
from store.dml import rows_changed

HASHER = PasswordHasher()
# A hash of nothing anyone types: checking an unknown email costs the same time as a known one.
_DECOY_HASH = HASHER.hash(secrets.token_urlsafe(16))


class DuplicateEmail(Exception):
    pass


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(password: str, stored: str | None) -> bool:
    """Slow by design: call off the event loop."""
    try:
        return HASHER.verify(stored or _DECOY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def add_operator(session: Session, email: str, password_hash: str, role: OperatorRole, *, now: datetime) -> Operator:
    email = email.strip().lower()
    if session.scalar(select(Operator.id).where(Operator.email == email)) is not None:
        raise DuplicateEmail(email)
    operator = Operator(email=email, password_hash=password_hash, role=str(role), active=True, created_at=now)
    session.add(operator)
    session.flush()
    return operator


def by_email(session: Session, email: str) -> Operator | None:
    return session.scalar(select(Operator).where(Operator.email == email.strip().lower()))


# -- sessions ----------------------------------------------------------------------------------
def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, operator_id: int, *, now: datetime, lifetime: timedelta) -> str:
    token = secrets.token_urlsafe(32)
    session.add(OperatorSession(token_hash=_digest(token), operator_id=operator_id, created_at=now,
                                expires_at=now + lifetime))
    return token


def session_operator(session: Session, token: str, now: datetime) -> Operator | None:
    """The active operator of a live session; None for anything else (expired, signed out, not ours)."""
    if len(token) != portal_signin.TOKEN_LENGTH or not token.isascii():
        return None
    row = session.scalar(select(OperatorSession).where(OperatorSession.token_hash == _digest(token)))
    if row is None or row.expires_at <= now:
        return None
    operator = session.get(Operator, row.operator_id)
    return operator if operator is not None and operator.active else None


def end_session(session: Session, token: str) -> None:
    session.execute(delete(OperatorSession).where(OperatorSession.token_hash == _digest(token)))


def throttle_keys(email: str, address: str) -> list[str]:
    """The portal's throttle, with keys of our own (a locked portal account never locks an operator)."""
    return [portal_signin.account_key("console:" + email), portal_signin.address_key("console:" + address)]


# -- API tokens --------------------------------------------------------------------------------
TOKEN_PREFIX = "op_"


def create_token(session: Session, operator_id: int, name: str, *, now: datetime) -> str:
    """A new API token for the operator; the caller shows it once (only its hash is kept)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(OperatorToken(operator_id=operator_id, token_hash=_digest(token), name=name[:100], created_at=now))
    return token


def token_operator(session: Session, token: str) -> Operator | None:
    """The active operator whose API token this is; None for anything else."""
    if not token.startswith(TOKEN_PREFIX) or len(token) != len(TOKEN_PREFIX) + portal_signin.TOKEN_LENGTH:
        return None
    row = session.scalar(select(OperatorToken).where(OperatorToken.token_hash == _digest(token)))
    operator = session.get(Operator, row.operator_id) if row is not None else None
    return operator if operator is not None and operator.active else None


def tokens_of(session: Session, operator_id: int) -> list[OperatorToken]:
    return list(session.scalars(select(OperatorToken).where(OperatorToken.operator_id == operator_id)
                                .order_by(OperatorToken.id)))


def revoke_token(session: Session, operator_id: int, token_id: int) -> bool:
    return rows_changed(session, delete(OperatorToken).where(OperatorToken.id == token_id,
                                                             OperatorToken.operator_id == operator_id)) > 0
