"""Portal sign-in over one Session: server-side sessions and the failed-sign-in throttle.

Sessions: the cookie holds a random token (`secrets.token_urlsafe`); the table holds only its SHA-256, the
user and the expiry. A session is good while its row exists, is unexpired and its user is active. Signing out
deletes the row (the cookie, even copied, is dead); a password change deletes every session of that user.

Throttle: failures are counted per account (the typed email, known or not, so the answer never tells which
emails exist) and per client address. Five failures within 15 minutes lock that key for a minute; each
further failure doubles the wait, up to an hour. A key forgets its failures after 15 quiet minutes past its
lock. A success clears the account's count, never the address's (one good password must not buy more guesses
at other accounts). Rows live in the database, so every web process sees the same counts; each failure takes
its row `FOR UPDATE`, so concurrent failures all count.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from store.portal_models import PortalSession, PortalSigninThrottle, PortalUser

FAILURE_LIMIT = 5
WINDOW = timedelta(minutes=15)
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
TOKEN_LENGTH = 43  # token_urlsafe(32)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# -- sessions ----------------------------------------------------------------------------------
def start_session(session: Session, user_id: int, *, now: datetime, lifetime: timedelta) -> str:
    """A new session for the user; returns the token for the cookie (stored only as its hash)."""
    token = secrets.token_urlsafe(32)
    session.add(PortalSession(token_hash=_digest(token), user_id=user_id, created_at=now, expires_at=now + lifetime))
    return token


def session_user(session: Session, token: str, now: datetime) -> PortalUser | None:
    """The active user of a live session; None for anything else, including a cookie that is not ours."""
    if len(token) != TOKEN_LENGTH or not token.isascii():
        return None
    row = session.scalar(select(PortalSession).where(PortalSession.token_hash == _digest(token)))
    if row is None or row.expires_at <= now:
        return None
    user = session.get(PortalUser, row.user_id)
    return user if user is not None and user.active else None


def end_session(session: Session, token: str) -> None:
    session.execute(delete(PortalSession).where(PortalSession.token_hash == _digest(token)))


def end_sessions_of(session: Session, user_id: int) -> None:
    session.execute(delete(PortalSession).where(PortalSession.user_id == user_id))


# -- throttle ----------------------------------------------------------------------------------
def account_key(email: str) -> str:
    return _digest("account:" + email.strip().lower())


def address_key(address: str) -> str:
    return _digest("address:" + address)


def wait_left(session: Session, keys: list[str], now: datetime) -> timedelta | None:
    """How long any of these keys is still locked, or None."""
    rows = session.scalars(select(PortalSigninThrottle).where(PortalSigninThrottle.key.in_(keys)))
    waits = [row.locked_until - now for row in rows if row.locked_until and row.locked_until > now]
    return max(waits) if waits else None


def record_failure(session: Session, keys: list[str], now: datetime) -> None:
    for key in sorted(keys):  # one order for every process: no deadlock between two failures
        row = _locked_row(session, key, now)
        quiet_since = max(row.last_failure_at, row.locked_until or row.last_failure_at)
        if now - quiet_since > WINDOW:
            row.failures, row.locked_until = 0, None
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= FAILURE_LIMIT:
            row.locked_until = now + min(FIRST_WAIT * 2 ** (row.failures - FAILURE_LIMIT), LONGEST_WAIT)


def clear(session: Session, key: str) -> None:
    session.execute(delete(PortalSigninThrottle).where(PortalSigninThrottle.key == key))


def _locked_row(session: Session, key: str, now: datetime) -> PortalSigninThrottle:
    """The key's row, created if missing (a concurrent creator is not an error), locked for this transaction."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(PortalSigninThrottle)
                    .values(key=key, failures=0, last_failure_at=now, locked_until=None)
                    .on_conflict_do_nothing(index_elements=["key"]))
    query = select(PortalSigninThrottle).where(PortalSigninThrottle.key == key).with_for_update()
    return session.scalars(query.execution_options(populate_existing=True)).one()
