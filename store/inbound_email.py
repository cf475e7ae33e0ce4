"""Inbound email over a Session: record what the SMTP server accepted, then act on it once.

The SMTP server writes the raw message (`record`, once: one reply address per message) before it answers 250,
so an accepted email is never lost; processing (`process`) happens afterwards, in its own transaction, and
again from the recovery job while the row is still `received`. Each failed try counts (`record_failure`):
after `MAX_ATTEMPTS`, or at once for an email over the parsing limits, the row is `dead` with its reason, for
the operator (`GET /api/inbound-emails?status=dead`), and the recovery job leaves it alone.

The reply address says who may write and about what: `reply+<token>@domain`, where the signed token names an
offer (kind "reply": this agent, this referral) or an agent (kind "agent").

Processing an email:
- an auto-reply (out of office, a bounce) is logged and never answered, never a command;
- a From that is not the token's agent, or an envelope sender (MAIL FROM) that is not, changes nothing: it
  is logged and put on the review list (`sender_mismatch`, `envelope_mismatch`);
- anything else goes through the one pipeline (store/pipeline.py) like a text, with the intent read from the visible
  reply and bound to the referral of the thread it answers ("Sold for $452,500" on #4821's thread acts on
  #4821); the answer goes back by email, in the same thread. A repeated Message-ID changes nothing.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from email.parser import BytesHeaderParser
from enum import StrEnum
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import absence, daytime, spanish
from bot.headers import SUBJECT_MAX, header_text
from bot.intents import Intent, Pause, intent_to_json, with_ref
from bot.messages import Channel, Inbound, Outgoing
from bot.model import AgentView
from bot.parser import parse_text, visible_lines
from bot.tokens import BadToken, read_token
from store import pending, receipts, referrals, sending
from store.env import BotEnv
from store.models import Agent, InboundEmail, Offer, Referral, ReviewItem
from store.pipeline import Arrival, handle, log_inbound

RECOVER_AFTER = timedelta(seconds=30)  # the background task normally finishes in well under a second
MAX_ATTEMPTS = 3                       # failed tries before a row is `dead` (a database outage cannot count one)
PROVIDER_ID_MAX = 128                  # messages.provider_id's width
_RE_PREFIX = re.compile(r"^\s*(?:(?:re|aw|sv|vs|antw|r)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)


class InboundEmailStatus(StrEnum):
    RECEIVED = "received"    # stored, waiting for (another) processing attempt
    PROCESSED = "processed"  # acted on (or deliberately not: a duplicate, an auto-reply, a mismatch)
    DEAD = "dead"            # given up: over the parsing limits, or failed MAX_ATTEMPTS times; `outcome` says why


class ParsedReply(Protocol):
    """What processing reads from a parsed email (`inbound.email_text.ParsedEmail` has these)."""

    @property
    def sender(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def message_id(self) -> str | None: ...
    @property
    def reply(self) -> str: ...
    @property
    def auto_reply(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class ReplyTarget:
    """A verified reply address: kind "reply" names an offer, kind "agent" an agent."""

    kind: str
    subject_id: int


@dataclass(frozen=True, slots=True)
class Owner:
    """Who the reply address belongs to, and the referral its thread is about (if any)."""

    agent: AgentView
    referral_id: int | None = None
    referral_code: str | None = None


# -- addresses -------------------------------------------------------------------------------------------
def parse_reply_address(address: str, env: BotEnv, now: datetime) -> ReplyTarget | None:
    """`reply+<token>@<inbound domain>` with a good, unexpired token; None for anything else."""
    local, at, domain = address.strip().strip("<>").rpartition("@")
    prefix, _, token = local.partition("+")
    if not at or domain.lower() != env.inbound_email_domain.lower() or prefix.lower() != "reply" or not token:
        return None
    for kind in ("reply", "agent"):
        try:
            return ReplyTarget(kind, read_token(env.secret_key, token, kind, now).subject_id)
        except BadToken:
            continue
    return None


def owner_of(session: Session, target: ReplyTarget) -> Owner | None:
    if target.kind == "agent":
        agent = session.get(Agent, target.subject_id)
        return Owner(referrals.agent_view(agent)) if agent else None
    row = session.execute(select(Agent, Referral).join(Offer, Offer.agent_id == Agent.id)
                          .join(Referral, Referral.id == Offer.referral_id)
                          .where(Offer.id == target.subject_id)).first()
    return Owner(referrals.agent_view(row[0]), row[1].id, row[1].code) if row else None


# -- receiving -------------------------------------------------------------------------------------------
def record(session: Session, *, mail_from: str, rcpt_to: str, raw: bytes, now: datetime) -> int:
    """Store the message, as `received`, for its one reply address. Returns the row id."""
    row = InboundEmail(message_id=header_message_id(raw), mail_from=mail_from[:320], rcpt_to=rcpt_to[:400],
                       raw=raw, status=InboundEmailStatus.RECEIVED, received_at=now, attempts=0)
    session.add(row)
    session.flush()
    return row.id


def header_message_id(raw: bytes) -> str | None:
    """The Message-ID header, read from the header block only (cheap enough to do before answering 250)."""
    try:
        value = BytesHeaderParser(policy=policy.compat32).parsebytes(raw).get("Message-ID")
    except Exception:
        return None
    text = str(value).strip()[:300] if value else ""
    return text or None


def pending_raw(session: Session, email_id: int) -> bytes | None:
    """The raw bytes of a row still waiting to be processed; None once it is done."""
    return session.scalar(select(InboundEmail.raw).where(InboundEmail.id == email_id,
                                                         InboundEmail.status == InboundEmailStatus.RECEIVED))


def due_for_recovery(session: Session, *, now: datetime, limit: int = 100) -> list[int]:
    """Rows still `received` well after they arrived: their background task died or failed."""
    return list(session.scalars(select(InboundEmail.id).where(
        InboundEmail.status == InboundEmailStatus.RECEIVED, InboundEmail.received_at <= now - RECOVER_AFTER)
        .order_by(InboundEmail.id).limit(limit)))


def record_failure(session: Session, email_id: int, reason: str, *, now: datetime,
                   final: bool = False) -> InboundEmailStatus | None:
    """Count a failed try: the row stays `received` for another one, or is `dead` after MAX_ATTEMPTS tries
    (at once when `final`: the same bytes will fail the same way). None when the row is not waiting."""
    row = session.get(InboundEmail, email_id)
    if row is None or row.status != InboundEmailStatus.RECEIVED:
        return None
    row.attempts, row.outcome = (row.attempts or 0) + 1, reason[:64]
    if final or row.attempts >= MAX_ATTEMPTS:
        row.status, row.processed_at = InboundEmailStatus.DEAD, now
    return InboundEmailStatus(row.status)


def list_emails(session: Session, *, status: InboundEmailStatus | None, limit: int = 200) -> list[InboundEmail]:
    """The newest stored emails, optionally of one status (what the operator looks at: the dead ones)."""
    query = select(InboundEmail).order_by(InboundEmail.id.desc()).limit(limit)
    return list(session.scalars(query if status is None else query.where(InboundEmail.status == status)))


def retry_dead(session: Session, email_id: int) -> bool:
    """Give a dead email a fresh set of attempts (after the operator fixed what killed it)."""
    row = session.get(InboundEmail, email_id)
    if row is None or row.status != InboundEmailStatus.DEAD:
        return False
    row.status, row.attempts, row.processed_at = InboundEmailStatus.RECEIVED, 0, None
    return True


# -- processing ------------------------------------------------------------------------------------------
def process(session: Session, email_id: int, parsed: ParsedReply, env: BotEnv, *, now: datetime) -> str | None:
    """Act on one received email; None when it was already processed (by the recovery job, say)."""
    row = session.scalar(select(InboundEmail).where(InboundEmail.id == email_id).with_for_update())
    if row is None or row.status != InboundEmailStatus.RECEIVED:
        return None
    outcome = act(session, row, parsed, env)
    row.status, row.outcome, row.processed_at = InboundEmailStatus.PROCESSED, outcome[:64], now
    row.message_id = row.message_id or parsed.message_id
    return outcome


def act(session: Session, row: InboundEmail, parsed: ParsedReply, env: BotEnv) -> str:
    target = parse_reply_address(row.rcpt_to, env, row.received_at)
    owner = owner_of(session, target) if target else None
    if owner is None:
        return "unknown_recipient"  # the token was good at RCPT time: a rotated key or a deleted offer
    inbound = Inbound(Channel.EMAIL, sender=parsed.sender, body=parsed.reply,
                      provider_id=provider_id(parsed, row.raw), received_at=row.received_at,
                      subject=parsed.subject or None, recipient=row.rcpt_to)
    owner_email = owner.agent.email.strip().lower()
    from_owner = parsed.sender == owner_email
    # RFC 3834: a null reverse path (bounces, most responders) is never answered either; aiosmtpd gives "<>".
    if parsed.auto_reply or row.mail_from in ("", "<>"):
        if not log_once(session, inbound, owner.agent if from_owner else None):
            return "duplicate"
        if from_owner:
            offer_pause_until_return(session, env, inbound, owner.agent)
        return "auto_reply"
    if not from_owner:
        return sender_mismatch(session, inbound, owner, "sender_mismatch")
    if envelope_address(row.mail_from) != owner_email:  # From: is only a claim; the envelope must agree
        return sender_mismatch(session, inbound, owner, "envelope_mismatch")
    return handle_reply(session, inbound, owner, env)


def offer_pause_until_return(session: Session, env: BotEnv, inbound: Inbound, agent: AgentView) -> None:
    """The agent's own out-of-office with a return date: one text offering a pause until then, at most once per
    absence (the outbox key is the agent and the date); a bare PAUSE (or YES) then pauses until that day."""
    today = daytime.local_today(inbound.received_at, agent.timezone)
    until = absence.return_date("\n".join(visible_lines(inbound.body)), today)  # not the subject: it quotes ours
    if until is None or agent.sms_opted_out or not agent.phone:
        return
    text = spanish.translate(absence.offer_text(until), agent.language) or ""
    queued = sending.send(session, env, Outgoing(Channel.SMS, agent.phone, text, absence.dedupe_key(agent.id, until),
                                                 agent_id=agent.id, kind="ooo_pause"), now=inbound.received_at)
    if queued is not None:
        expires = inbound.received_at + timedelta(days=max(1, (until - today).days))
        pending.ask(session, agent.id, intent_to_json(Pause(until=until)), text, expires, inbound.received_at)


def envelope_address(mail_from: str) -> str:
    return mail_from.strip().strip("<>").strip().lower()


def provider_id(parsed: ParsedReply, raw: bytes) -> str:
    """The Message-ID, or a digest of the bytes when it is missing or too long for the message log."""
    message_id = parsed.message_id
    if message_id and len(message_id) <= PROVIDER_ID_MAX:
        return message_id
    return "sha256:" + hashlib.sha256(message_id.encode() if message_id else raw).hexdigest()


def log_once(session: Session, inbound: Inbound, agent: AgentView | None) -> int | None:
    """Log the message without acting on it; None on a repeat of its Message-ID (nothing is logged twice)."""
    if not receipts.first_time(session, f"{inbound.channel}:{inbound.provider_id}", str(inbound.channel),
                               now=inbound.received_at):
        return None
    return log_inbound(session, inbound, agent)


def sender_mismatch(session: Session, inbound: Inbound, owner: Owner, reason: str) -> str:
    """Someone other than the address's agent wrote (or sent): log it for the operator, act on nothing, answer
    nothing. Returns `reason`, which the review item carries too."""
    message_id = log_once(session, inbound, None)
    if message_id is None:
        return "duplicate"
    session.add(ReviewItem(message_id=message_id, agent_id=owner.agent.id, channel=str(Channel.EMAIL),
                           sender=inbound.sender[:320], body=inbound.body, reason=reason, status="open",
                           created_at=inbound.received_at))
    return reason


def handle_reply(session: Session, inbound: Inbound, owner: Owner, env: BotEnv) -> str:
    """The agent's own reply: one command, acted on once, answered by email in the same thread."""
    intent = bind_to_thread(parse_text(inbound.body, Channel.EMAIL, inbound.received_at), owner)
    handled = handle(session, env, Arrival(inbound, agent=owner.agent, intent=intent))
    if handled.duplicate:
        return "duplicate"
    if handled.reply:
        answer(session, env, inbound, owner, handled.reply)
    return handled.outcome or ("answered" if handled.reply else "logged")


def bind_to_thread(intent: Intent, owner: Owner) -> Intent:
    """A command without a referral code, sent in a referral's thread, is about that referral."""
    if owner.referral_code is None or getattr(intent, "ref", "") is not None:
        return intent
    return with_ref(intent, owner.referral_code)


def answer(session: Session, env: BotEnv, inbound: Inbound, owner: Owner, text: str) -> None:
    """Queue the answer like every other email: signed Reply-To, stable Message-ID, the referral's thread."""
    sending.send(session, env, Outgoing(Channel.EMAIL, owner.agent.email, text, f"email-reply:{inbound.provider_id}",
                                        agent_id=owner.agent.id, referral_id=owner.referral_id,
                                        subject=reply_subject(inbound.subject, env), kind="reply"),
                 now=inbound.received_at)


def reply_subject(subject: str | None, env: BotEnv) -> str:
    """"Re: " once, whatever prefixes the agent's client stacked ("Re: RE: AW: ...")."""
    original = _RE_PREFIX.sub("", header_text(subject or "", SUBJECT_MAX)).strip()
    return f"Re: {original}" if original else f"Re: your message to {env.config.program_name}"
