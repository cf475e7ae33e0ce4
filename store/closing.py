"""The one place a referral's waiting offers close: on every award (a text, a keypress, the claim page, a paid
purchase, an agent-to-agent agreement), on expiry and when the operator withdraws the referral.

Each closed offer's agent gets one notice (bot/closing.py), queued in the outbox in the caller's transaction:
the award and the notices commit together or not at all, and the dedupe key (one per agent and referral)
keeps a retried job or a second closure from telling anyone twice.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.closing import CLOSABLE, OFFER_STATUS, ClosedOffer, Closure, closure_notice
from store import sending
from store.env import BotEnv
from store.models import Agent, Invoice, Referral
from store.sql import Sql

_WAITING = "(" + ", ".join(f"'{status}'" for status in CLOSABLE) + ")"
_CLOSE = Sql(f"UPDATE offers SET status = :status WHERE referral_id = :referral AND agent_id <> :winner "
             f"AND status IN {_WAITING} RETURNING id, agent_id, channel, referral_id")
_EXPIRE = Sql("UPDATE offers SET status = 'expired' WHERE status = 'open' AND expires_at <= :now "
              "RETURNING id, agent_id, channel, referral_id")


def close_offers(session: Session, env: BotEnv, referral_id: int, closure: Closure, *, now: datetime,
                 winner_id: int | None = None) -> int:
    """Close every offer of the referral still waiting on its agent (but the winner's) and tell each agent;
    returns how many were told."""
    rows = _CLOSE.rows(session, status=OFFER_STATUS[closure], referral=referral_id, winner=winner_id or 0)
    return tell(session, env, rows, closure, now=now)


def expire_offers(session: Session, env: BotEnv, *, now: datetime) -> int:
    """Offers past their 60 days become `expired`, and their agents are told (a claim is refused either way)."""
    return tell(session, env, _EXPIRE.rows(session, now=now), Closure.EXPIRED, now=now)


def tell(session: Session, env: BotEnv, rows: list[Any], closure: Closure, *, now: datetime) -> int:
    """Queue one notice per closed offer row (id, agent_id, channel, referral_id)."""
    if not rows:
        return 0
    agents = {a.id: a for a in session.execute(select(Agent.id, Agent.phone, Agent.email, Agent.sms_opted_out_at)
                                               .where(Agent.id.in_({r.agent_id for r in rows})))}
    referrals = {r.id: r for r in session.execute(select(Referral.id, Referral.code, Referral.mode)
                                                  .where(Referral.id.in_({r.referral_id for r in rows})))}
    invoiced = invoice_holders(session, rows) if closure is Closure.PURCHASED else set()
    notices = []
    for row in rows:
        agent, referral = agents[row.agent_id], referrals[row.referral_id]
        closed = ClosedOffer(row.id, row.channel, agent.id, agent.phone, agent.email,
                             agent.sms_opted_out_at is not None, referral.id, referral.code, referral.mode,
                             invoice_voided=(referral.id, agent.id) in invoiced)
        notices.append(closure_notice(closed, closure))
    return sending.send_many(session, env, notices, now=now)


def invoice_holders(session: Session, rows: list[Any]) -> set[tuple[int, int]]:
    """(referral, agent) pairs with an open purchase invoice: the sale voids them (bot/handlers/billing.py)."""
    found = session.execute(select(Invoice.referral_id, Invoice.agent_id).where(
        Invoice.kind == "purchase", Invoice.status.in_(("requested", "open")),
        Invoice.referral_id.in_({r.referral_id for r in rows})))
    return {(referral_id, agent_id) for referral_id, agent_id in found if referral_id is not None}  # none is None
