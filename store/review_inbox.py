"""The review inbox: what the bot did not understand (and every other item a person must read), and the three
ways an operator resolves an item (bot/review.py).

- ACT: run a command for the agent, as if the agent had sent it: the item's own message goes through the same
  pipeline as an inbound text (`pipeline.handle`: pending question, handler, rules; the message is linked to
  its referral), and the agent gets the echo the bot would have answered, queued on the channel the message
  came by.
- REPLY: text (or email) the agent.
- DISMISS: close it with a note.

An item is resolved once: the first resolution takes it with a conditional UPDATE (`status = 'open'`), so two
operators acting at once, or a double submit, run one action. Each resolution writes the label the message
carries into the parser corpus (`referral-bot corpus export`), and a history note on the referral it was about,
with the operator's name. The callers record the audit entry.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot import daytime
from bot import review as rules
from bot.intents import Intent, intent_name, intent_to_json
from bot.messages import Channel, Inbound, Outgoing
from bot.model import AgentView
from bot.parser import read_text
from bot.review import ItemStatus, Resolution
from store import pipeline, referrals, sending
from store.env import BotEnv
from store.models import Agent, Message, Offer, Referral, ReviewItem

MAX_LIST = 500
MESSAGE_CHANNELS = (str(Channel.SMS), str(Channel.EMAIL))


class Refused(Exception):
    """The action cannot run on this item; `status` is the HTTP status it maps to, the message says why."""

    def __init__(self, status: int, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.errors = status, errors


@dataclass(frozen=True, slots=True)
class Done:
    """What an action did: the handler's outcome (ACT), the echo or reply the agent gets, the referral."""

    item_id: int
    resolution: Resolution
    outcome: str
    reply: str | None
    referral_id: int | None


# -- reading -----------------------------------------------------------------------------------
def items(session: Session, *, status: ItemStatus, limit: int = MAX_LIST,
          agent_id: int | None = None) -> list[ReviewItem]:
    """Open items oldest first (the queue's order); resolved ones newest first."""
    order = ReviewItem.id if status is ItemStatus.OPEN else ReviewItem.id.desc()
    query = select(ReviewItem).where(ReviewItem.status == str(status)).order_by(order).limit(limit)
    if agent_id is not None:
        query = query.where(ReviewItem.agent_id == agent_id)
    return list(session.scalars(query))


def views(session: Session, rows: list[ReviewItem]) -> list[dict[str, Any]]:
    """Each item with its agent by name, what the parser saw, and the referrals it might be about."""
    agents = {a.id: a for a in session.scalars(select(Agent).where(
        Agent.id.in_({r.agent_id for r in rows if r.agent_id})))} if rows else {}
    codes = dict(session.execute(select(Referral.id, Referral.code).where(
        Referral.id.in_({r.referral_id for r in rows if r.referral_id}))).all()) if rows else {}
    return [view(session, row, agents.get(row.agent_id or 0), codes.get(row.referral_id or 0)) for row in rows]


def view(session: Session, row: ReviewItem, agent: Agent | None, code: str | None) -> dict[str, Any]:
    missed = rules.parser_missed(row.reason) and row.channel in MESSAGE_CHANNELS
    return {"id": row.id, "channel": row.channel, "sender": row.sender, "agent_id": row.agent_id,
            "agent": {"id": agent.id, "name": agent.name} if agent else None, "body": row.body, "reason": row.reason,
            "status": row.status, "message_id": row.message_id, "created_at": row.created_at,
            "parser_missed": missed, "parsed": parsed(row, agent) if missed else None,
            "candidates": candidates(session, row.agent_id, row.created_at) if row.agent_id else [],
            "may_act": row.agent_id is not None and agent is not None,
            "resolution": row.resolution, "resolved_by": row.resolved_by, "resolved_at": row.resolved_at,
            "note": row.note, "label": row.label, "referral": {"id": row.referral_id, "code": code}
            if row.referral_id else None}


def parsed(row: ReviewItem, agent: Agent | None) -> dict[str, Any]:
    """`referral-bot parse --explain` of the message, read on the agent's own day as the pipeline reads it."""
    now = daytime.local_now(row.created_at, agent.timezone) if agent else row.created_at
    reading = read_text(row.body, row.channel, now)
    return {**intent_to_json(reading.intent), "explain": {"rule": reading.rule, "score": reading.score,
                                                          "alternatives": list(reading.alternatives)}}


def candidates(session: Session, agent_id: int, now: datetime) -> list[dict[str, Any]]:
    """The referrals a message from this agent might be about: the offers open when it came, then the ones
    they won and have not closed, then any other offer of theirs, newest first (at most ten)."""
    found: dict[int, dict[str, Any]] = {}
    for offer in referrals.open_offers(session, agent_id, now=now):
        found[offer.referral.id] = {"id": offer.referral.id, "code": offer.referral.code,
                                    "status": offer.referral.status, "why": "offered"}
    for won in referrals.awaiting_update(session, agent_id):
        found.setdefault(won.id, {"id": won.id, "code": won.code, "status": won.status, "why": "won"})
    others = session.execute(select(Referral.id, Referral.code, Referral.status).join(
        Offer, Offer.referral_id == Referral.id).where(Offer.agent_id == agent_id).order_by(Offer.id.desc()).limit(10))
    for rid, code, status in others:
        found.setdefault(rid, {"id": rid, "code": code, "status": status, "why": "offered earlier"})
    return list(found.values())[:10]


# -- resolving ---------------------------------------------------------------------------------
def act(session: Session, env: BotEnv, item_id: int, fields: dict[str, Any], *, actor: str, now: datetime) -> Done:
    """Run the operator's command for the item's agent through the inbound pipeline, echo the answer to them."""
    item = _open_item(session, item_id)
    agent = pipeline.agent_by_id(session, item.agent_id) if item.agent_id else None
    if agent is None:
        raise Refused(409, "this item is not from an agent: reply or dismiss it")
    try:
        intent = rules.command_intent(fields, daytime.local_today(now, agent.timezone))
    except rules.BadCommand as exc:
        raise Refused(422, str(exc), exc.errors) from exc
    _take(session, item, Resolution.ACTED, actor, now, label=rules.label_for(Resolution.ACTED, intent))
    inbound = _as_agent_message(item, agent, intent, actor, now)
    message_id = item.message_id or pipeline.log_inbound(session, inbound, agent)
    handled = pipeline.handle(session, env, pipeline.Arrival(inbound, agent=agent, intent=intent, recorded=False))
    referral_id = handled.referral_id or _referral_by_code(session, getattr(intent, "ref", None))
    if referral_id is not None:  # the agent's own message now belongs to the referral's story
        session.execute(update(Message).where(Message.id == message_id).values(referral_id=referral_id)
                        .execution_options(synchronize_session=False))
    if handled.reply:
        _to_agent(session, env, item, agent, handled.reply, f"review:{item.id}:echo", referral_id, now)
    item.referral_id = referral_id
    _history(session, referral_id, agent, f"{actor} acted for {agent.name} on their message \"{_short(item.body)}\": "
             f"{rules.COMMANDS[intent_name(intent)].label} ({handled.outcome})", now)
    return Done(item.id, Resolution.ACTED, handled.outcome, handled.reply, referral_id)


def reply(session: Session, env: BotEnv, item_id: int, text: str, *, actor: str, now: datetime,
          ref: str | None = None) -> Done:
    """Text the item's agent (by email when the message came by email or they opted out of texts)."""
    item = _open_item(session, item_id)
    agent = pipeline.agent_by_id(session, item.agent_id) if item.agent_id else None
    if agent is None:
        raise Refused(409, "this item is not from an agent: there is nobody to reply to")
    referral_id = _chosen_referral(session, ref)
    _take(session, item, Resolution.REPLIED, actor, now, label=rules.label_for(Resolution.REPLIED, None),
          note=text, referral_id=referral_id)
    _to_agent(session, env, item, agent, text, f"review:{item.id}:reply", referral_id, now)
    _history(session, referral_id, agent, f"{actor} replied to {agent.name}: {text}", now)
    return Done(item.id, Resolution.REPLIED, "replied", text, referral_id)


def dismiss(session: Session, item_id: int, note: str, *, actor: str, now: datetime, ref: str | None = None) -> Done:
    item = _open_item(session, item_id)
    referral_id = _chosen_referral(session, ref)
    _take(session, item, Resolution.DISMISSED, actor, now, label=rules.label_for(Resolution.DISMISSED, None),
          note=note, referral_id=referral_id)
    agent = pipeline.agent_by_id(session, item.agent_id) if item.agent_id else None
    _history(session, referral_id, agent, f"{actor} dismissed the message \"{_short(item.body)}\": {note}", now)
    return Done(item.id, Resolution.DISMISSED, "dismissed", None, referral_id)


def _open_item(session: Session, item_id: int) -> ReviewItem:
    item = session.get(ReviewItem, item_id)
    if item is None:
        raise Refused(404, "no such review item")
    if item.status != ItemStatus.OPEN:
        raise Refused(409, f"already resolved ({item.resolution or 'resolved'} by {item.resolved_by or 'someone'})")
    return item


def _take(session: Session, item: ReviewItem, resolution: Resolution, actor: str, now: datetime, *,
          label: dict[str, Any], note: str | None = None, referral_id: int | None = None) -> None:
    """Resolve the item if it is still open (the one winner of two racing operators); Refused otherwise."""
    taken = session.execute(update(ReviewItem).where(ReviewItem.id == item.id, ReviewItem.status == "open").values(
        status=str(ItemStatus.RESOLVED), resolution=str(resolution), resolved_by=actor[:320], resolved_at=now,
        note=note, label=label if rules.parser_missed(item.reason) and item.channel in MESSAGE_CHANNELS else None,
        referral_id=referral_id).execution_options(synchronize_session=False))
    if not taken.rowcount:  # type: ignore[attr-defined]
        raise Refused(409, "already resolved by someone else")
    session.refresh(item)


def _as_agent_message(item: ReviewItem, agent: AgentView, intent: Intent, actor: str, now: datetime) -> Inbound:
    """The message the action runs as: the item's own text (a report keeps the agent's words as its note) on its
    own channel; an item with no message (a client's answer) gets the command's words, marked as the operator's."""
    channel = Channel(item.channel) if item.channel in MESSAGE_CHANNELS else Channel.WEB
    body = item.body if item.message_id else f"{intent_name(intent).upper()} (entered by {actor})"
    sender = agent.email if channel is Channel.EMAIL else agent.phone
    return Inbound(channel, sender=sender, body=body, provider_id=f"review:{item.id}", received_at=now)


def _to_agent(session: Session, env: BotEnv, item: ReviewItem, agent: AgentView, text: str, key: str,
              referral_id: int | None, now: datetime) -> None:
    """Queue a message to the agent on the channel their message came by (email when they opted out of texts)."""
    by_email = item.channel == str(Channel.EMAIL) or agent.sms_opted_out
    channel, to = (Channel.EMAIL, agent.email) if by_email else (Channel.SMS, agent.phone)
    subject = f"Re: your message to {env.config.program_name}" if by_email else None
    sending.send(session, env, Outgoing(channel, to, text, key, agent_id=agent.id, referral_id=referral_id,
                                        subject=subject, kind="reply"), now=now)


def _referral_by_code(session: Session, code: str | None) -> int | None:
    return session.scalar(select(Referral.id).where(Referral.code == code)) if code else None


def _chosen_referral(session: Session, ref: str | None) -> int | None:
    code = (ref or "").strip().lstrip("#")
    if not code:
        return None
    found = _referral_by_code(session, code) if code.isascii() and code.isdigit() and len(code) <= 12 else None
    if found is None:
        raise Refused(422, f"no referral #{code[:12]}", {"ref": f"no referral #{code[:12]}"})
    return found


def _history(session: Session, referral_id: int | None, agent: AgentView | None, text: str, now: datetime) -> None:
    if referral_id is not None:
        referrals.add_note(session, referral_id, agent.id if agent else None, "operator", text, now=now)


def _short(body: str, limit: int = 80) -> str:
    flat = " ".join(body.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


# -- the parser corpus ---------------------------------------------------------------------------
def corpus_examples(session: Session) -> list[dict[str, str]]:
    """Every resolved message the parser missed, oldest first, as a labelled corpus row (bot/review.py)."""
    rows = session.execute(select(ReviewItem, Agent.timezone).outerjoin(Agent, Agent.id == ReviewItem.agent_id)
                           .where(ReviewItem.status == str(ItemStatus.RESOLVED), ReviewItem.label.is_not(None))
                           .order_by(ReviewItem.id)).all()
    return [rules.corpus_example(item.label, item.body, item.channel, _read_at(item.created_at, zone).isoformat())
            for item, zone in rows if item.label and item.channel in MESSAGE_CHANNELS]


def _read_at(moment: datetime, zone: str | None) -> datetime:
    return daytime.local_now(moment, zone) if zone else moment
