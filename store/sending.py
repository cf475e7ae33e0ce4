"""The one way into the outbox: every message the service sends is queued by `send` or `send_many`.

What every outgoing message needs is applied here, once, so no path can forget it:
* attempts: the outbox row gets the network's `max_attempts` (OUTBOX_MAX_ATTEMPTS);
* headers: an email to an agent gets its From, signed Reply-To, Message-ID and thread (store/links.py);
* quiet hours: a message marked `urgent=False` waits for the agent's next local daytime (bot/daytime.py);
  a caller that knows a stricter rule (a client's state: bot/quiet_hours.py) passes `not_before` itself.

store/outbox.py keeps the queue's own operations (`enqueue` is its insert); tests/test_sending.py checks that
nothing else in the application calls it.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.daytime import next_daytime
from bot.messages import Outgoing
from store import outbox
from store.env import BotEnv
from store.links import with_email_headers
from store.models import Agent

DEFAULT_MAX_ATTEMPTS = 8  # BotEnv's default: a message queued without the environment (a Stripe job)


def send(session: Session, env: BotEnv | None, out: Outgoing, *, now: datetime,
         not_before: datetime | None = None) -> int | None:
    """Queue `out` (once per dedupe key) and log it; the outbox row's id, or None when it was queued before.
    `env` None: no email headers (only Stripe jobs, which carry no email, are queued without it)."""
    out = _prepared(session, env, out, now)
    return outbox.enqueue(session, out, now=now, not_before=not_before or _quiet_until(session, out, now),
                          max_attempts=_attempts(env))


def send_many(session: Session, env: BotEnv | None, outs: list[Outgoing], *, now: datetime) -> int:
    """`send` for a batch of urgent messages in a few statements (a referral's closing notices); for keys no
    other transaction queues at the same time. Returns how many were queued."""
    prepared = [_prepared(session, env, out, now) for out in outs]
    return outbox.enqueue_many(session, prepared, now=now, max_attempts=_attempts(env))


def _prepared(session: Session, env: BotEnv | None, out: Outgoing, now: datetime) -> Outgoing:
    return with_email_headers(session, env, out, now) if env is not None else out


def _attempts(env: BotEnv | None) -> int:
    return env.max_attempts if env is not None else DEFAULT_MAX_ATTEMPTS


def _quiet_until(session: Session, out: Outgoing, now: datetime) -> datetime | None:
    """A non-urgent message to an agent is held until their next daytime (None: send now)."""
    if out.urgent or out.agent_id is None:
        return None
    agent = session.get(Agent, out.agent_id)
    return next_daytime(now, agent.timezone) if agent is not None else None
