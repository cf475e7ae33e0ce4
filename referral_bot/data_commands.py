"""`referral-bot redact` and `referral-bot export`: the network's data over time, from the command line.

Each opens the store, checks it is at this release's revision, does its work in one transaction with an audit
entry, and answers with one line (or counts); a refusal is `Refused` (one line, exit 2). Neither prints nor
logs a client's contact details.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from bot.lifecycle import LABELS, Status
from referral_bot.service import open_store, reach_database, require_latest_revision
from store import audit, exports, operators, redaction
from store.redaction import Outcome
from store.settings import Settings

COMMAND_LINE = "command line"


class Refused(Exception):
    """What was asked is not allowed or not possible; the message says why (the CLI prints it, exit 2)."""


def actor_of(session: Session, email: str | None) -> tuple[str, int | None]:
    """Who the audit entry names: the admin given with --operator (checked), or the command line."""
    if not email:
        return COMMAND_LINE, None
    found = operators.by_email(session, email.strip().lower())
    if found is None or not found.active:
        raise Refused(f"--operator {email}: no active operator has that email")
    if found.role != "admin":
        raise Refused(f"--operator {email}: only an admin may do this (they are a {found.role})")
    return found.email, found.id


async def redact(settings: Settings, referral_id: int, operator: str | None) -> str:
    store = open_store(settings)
    try:
        await reach_database(store, settings)
        await require_latest_revision(store)
        now = datetime.now(UTC)

        def work(session: Session) -> redaction.Redaction:
            actor, operator_id = actor_of(session, operator)
            return redaction.redact(session, referral_id, now=now, after_days=settings.redact_after_days,
                                    actor=actor, operator_id=operator_id)
        return answer(referral_id, await store.run(work), settings.redact_after_days)
    finally:
        await store.close()


def answer(referral_id: int, done: redaction.Redaction, after_days: int) -> str:
    """The one line for the operator; a refusal raises."""
    if done.outcome is Outcome.MISSING:
        raise Refused(f"no referral {referral_id}")
    if done.outcome is Outcome.NOT_CLOSED:
        raise Refused(f"referral {referral_id} is {LABELS[Status(done.status)]}, not closed: only a closed, "
                         f"lost or archived referral's contact details can be redacted")
    if done.outcome is Outcome.TOO_RECENT:
        assert done.closed_at is not None
        allowed = done.closed_at + timedelta(days=after_days)
        raise Refused(f"referral {referral_id} closed on {done.closed_at:%Y-%m-%d}; its contact details can be "
                         f"redacted {after_days} days after it closed (REDACT_AFTER_DAYS), from {allowed:%Y-%m-%d}")
    if done.outcome is Outcome.REDACTED:
        changed = ", ".join(f"{k} {v}" for k, v in done.changed.items() if v)
        return f"referral {referral_id}: client contact details redacted ({changed})"
    return f"referral {referral_id}: {done.outcome}, nothing changed"


async def export(settings: Settings, window: timedelta, out: str | None, *, with_contacts: bool,
                 operator: str | None) -> dict[str, object]:
    now = datetime.now(UTC)
    try:
        since = now - window
    except OverflowError:
        raise Refused("--since reaches back before year 1") from None
    folder = Path(out) if out else Path(f"export-{now:%Y-%m-%d}")
    store = open_store(settings)
    try:
        await reach_database(store, settings)
        await require_latest_revision(store)

        def work(session: Session) -> dict[str, int]:
            actor, operator_id = actor_of(session, operator)
            counts = exports.write_all(session, exports.Export(since=since, with_contacts=with_contacts), folder)
            audit.record(session, actor, "export_with_contacts" if with_contacts else "export",
                         operator_id=operator_id, target=f"since {since:%Y-%m-%d %H:%M}",
                         detail=", ".join(f"{k}: {v}" for k, v in counts.items()), now=now)
            return counts
        counts = await store.run(work)
    finally:
        await store.close()
    return {"out": str(folder), "since": since.isoformat(), "with_contacts": with_contacts, **counts}
