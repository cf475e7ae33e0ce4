"""Signed links and addresses the messages carry: claim pages, exchange pages, share pages, call answer
URLs, and email reply addresses (with the headers that keep one referral in one email thread)."""
from __future__ import annotations

import dataclasses
import hashlib
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.messages import Channel, EmailHeaders, Outgoing
from bot.tokens import make_token
from store.env import BotEnv
from store.sql import Sql


def claim_link(env: BotEnv, offer_id: int, expires_at: datetime) -> str:
    return env.public_base_url.rstrip("/") + "/r/" + make_token(env.secret_key, "offer", offer_id, expires_at)


def exchange_link(env: BotEnv, offer_id: int, expires_at: datetime) -> str:
    """The page where a receiver says they're interested and, once picked, signs the fee agreement."""
    return env.public_base_url.rstrip("/") + "/x/" + make_token(env.secret_key, "offer", offer_id, expires_at)


SHARE_DAYS = 365


def share_link(env: BotEnv, referral_id: int, created_at: datetime) -> str:
    """An open referral's public page: the summary only. Stable for a year from the referral's creation."""
    expires = created_at + timedelta(days=SHARE_DAYS)
    return env.public_base_url.rstrip("/") + "/s/" + make_token(env.secret_key, "share", referral_id, expires)


def call_answer_url(env: BotEnv, offer_id: int, expires_at: datetime) -> str:
    token = make_token(env.secret_key, "call", offer_id, expires_at)
    return env.public_base_url.rstrip("/") + "/twilio/voice/answer?t=" + token


def connect_call_url(env: BotEnv, offer_id: int, expires_at: datetime) -> str:
    """Live connect by text: the call to the winner that bridges straight to the client (same signed token)."""
    token = make_token(env.secret_key, "call", offer_id, expires_at)
    return env.public_base_url.rstrip("/") + "/twilio/voice/bridge?t=" + token


REPLY_ADDRESS_DAYS = 3 * 365


_OFFER_ID = Sql("SELECT id FROM offers WHERE agent_id = :agent AND referral_id = :referral")


def reply_address(session: Session, env: BotEnv, agent_id: int, referral_id: int | None, now: datetime) -> str:
    """`reply+<token>@domain`: signed, bound to this agent's offer of this referral (or to the agent alone)."""
    expires = now + timedelta(days=REPLY_ADDRESS_DAYS)
    offer_id = _OFFER_ID.scalar(session, agent=agent_id, referral=referral_id) if referral_id else None
    token = make_token(env.secret_key, "reply", offer_id, expires) if offer_id else \
        make_token(env.secret_key, "agent", agent_id, expires)
    return f"reply+{token}@{env.inbound_email_domain}"


def with_email_headers(session: Session, env: BotEnv, out: Outgoing, now: datetime) -> Outgoing:
    """Give an email its From, signed Reply-To, a stable Message-ID and the thread it belongs to, so one
    referral stays one conversation in the agent's mail client and replies come back to us."""
    if out.channel is not Channel.EMAIL or out.agent_id is None or (out.email and out.email.reply_to):
        return out
    domain = env.inbound_email_domain
    thread = f"<referral-{out.referral_id}.agent-{out.agent_id}@{domain}>" if out.referral_id else None
    digest = hashlib.sha256(out.dedupe_key.encode()).hexdigest()[:24]
    headers = EmailHeaders(sender=env.email_from, message_id=f"<{digest}@{domain}>", thread_id=thread,
                           reply_to=reply_address(session, env, out.agent_id, out.referral_id, now))
    return dataclasses.replace(out, email=headers)


# -- the inbound pipeline ----------------------------------------------------------------------
