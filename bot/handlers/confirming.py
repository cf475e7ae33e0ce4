"""Confirm, then act: when a message is likely but not certain, ask one short question and act only on YES.

A bare acknowledgement ("k", "sounds good", 👍) while one offer is open is no claim: the bot asks "Claim
#4821? Reply YES to confirm." (or "Buy #4821? ..." on a paid referral) and remembers, per agent and for
`QUESTION_TTL`, the intent a YES will carry out. The pipeline (`settle`) turns the next message into that
intent when it is a plain YES (or a YES naming the same code); any other message clears the question and
is read on its own. Several open offers: the answer lists the codes instead, as a bare YES would.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from bot import intents, replies
from bot.model import OfferView
from bot.outcomes import HandlerOutcome
from bot.ports import Context
from bot.router import Reply
from bot.states import ReferralMode

QUESTION_TTL = timedelta(hours=2)


def ask_to_confirm(ctx: Context, *, likely: bool = False) -> Reply:
    """The answer to a bare acknowledgement: a question when one offer is open, which one when several are;
    with nothing open, nothing ("thanks" after the contact details needs no answer and no one's review). A
    `likely` claim (a yes beside words about something else: "yes, this is still my email") is asked about the
    same way, and with nothing open it is a message someone should read."""
    offers = ctx.referrals.open_offers(ctx.agent.id, ctx.now)
    if not offers and likely:
        ctx.review.flag("likely")
        return Reply(replies.not_understood(), HandlerOutcome.REVIEW)
    if not offers:
        return Reply(None, HandlerOutcome.IGNORED_ACK)
    if len(offers) > 1:
        return Reply(replies.which_referral([o.referral.code for o in offers], "YES"), HandlerOutcome.AMBIGUOUS)
    if ctx.pending is None:
        ctx.review.flag("ack")
        return Reply(replies.not_understood(), HandlerOutcome.REVIEW)
    intent, question = _question_for(offers[0])
    ctx.pending.ask(ctx.agent.id, intents.intent_to_json(intent), question, ctx.now + QUESTION_TTL, ctx.now)
    return Reply(question, HandlerOutcome.CONFIRM_ASKED)


def _question_for(offer: OfferView) -> tuple[intents.Intent, str]:
    code = offer.referral.code
    if offer.referral.mode is ReferralMode.PAID:
        return intents.InvoiceRequest(ref=code), replies.confirm_buy(code)
    return intents.Claim(ref=code), replies.confirm_claim(code)


def settle(intent: intents.Intent, pending: intents.Intent | None) -> intents.Intent:
    """The intent to act on: the pending one when this message says YES to it, else the message's own. A
    pending pause (offered after an out-of-office reply) is also taken by a bare PAUSE."""
    if isinstance(pending, intents.Pause) and isinstance(intent, intents.Pause) and intent.until is None:
        return pending
    if pending is None or not isinstance(intent, intents.Claim):
        return intent
    if intent.ref is None or intent.ref == getattr(pending, "ref", None):
        return pending
    return intent


def expired(expires_at: datetime, now: datetime) -> bool:
    return now >= expires_at
