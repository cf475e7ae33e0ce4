"""Answering an offer: YES claims it (or, by the referral's mode, asks for a call, an invoice or records
interest), NO declines it, STATUS lists what the agent holds.

The claim is exclusive: the store's conditional update decides the one winner.
"""
from __future__ import annotations

from bot import fees, intents, replies
from bot.handlers import availability, billing, calls, exchange
from bot.handlers.contact import send_contact_details
from bot.handlers.lookup import resolve_offer
from bot.messages import Channel
from bot.model import ClaimOutcome, OfferView
from bot.outcomes import CLAIMED, DECLINE_CLOSED, HandlerOutcome
from bot.ports import Context
from bot.router import Reply, Router
from bot.states import OfferStatus, ReferralMode

router = Router("offers")


@router.handles(intents.Claim)
def claim(intent: intents.Claim, ctx: Context) -> Reply:
    """Award the referral to the sender if it is still open (exclusive: the store's conditional update)."""
    open_offers = None if intent.ref else ctx.referrals.open_offers(ctx.agent.id, ctx.now)
    if open_offers == []:
        joined = exchange.accept_invitation(ctx)
        if joined:
            return joined
    offer = resolve_offer(intent.ref, ctx, "YES", open_offers)  # the same open offers: read once
    if isinstance(offer, Reply):
        return offer
    if offer.referral.exchange:
        return exchange.express_interest(offer, ctx)  # interest; the sender awards, the fee is agreed
    if offer.referral.mode is ReferralMode.CALL_FIRST and ctx.channel is not Channel.VOICE:
        return calls.place_call(offer, ctx)  # call-first referrals are claimed by the keypress only
    if offer.referral.mode is ReferralMode.PAID:
        return billing.request_invoice(offer, ctx)  # bought, not claimed: YES asks for the invoice
    outcome = ctx.referrals.claim(offer, ctx.now)
    if outcome is ClaimOutcome.WON:
        send_contact_details(offer, ctx)
        charge_award_fee(offer, ctx)
    if outcome is ClaimOutcome.TAKEN:  # a receipt: how fast it went, how fast they were; nothing of the winner
        receipt = ctx.referrals.late_answer(offer, ctx.now)
        if receipt is not None:
            return Reply(replies.lost_race(offer.referral.code, receipt), CLAIMED[outcome])
    return Reply(replies.for_claim(outcome, offer.referral.code), CLAIMED[outcome])


def charge_award_fee(offer: OfferView, ctx: Context) -> None:
    fee = fees.fee_on_award(ctx.agent.pricing, offer.referral.code)
    if fee:
        ctx.ledger.charge(ctx.agent.id, offer.referral.id, fee, ctx.now)


@router.handles(intents.Decline)
def decline(intent: intents.Decline, ctx: Context) -> Reply:
    offer = resolve_offer(intent.ref, ctx, "NO")
    if isinstance(offer, Reply):
        return offer
    status = OfferStatus.EXPIRED if offer.status is OfferStatus.OPEN and offer.expired(ctx.now) else offer.status
    if status in DECLINE_CLOSED:  # a NO changes nothing: the answer says why
        return Reply(replies.decline_closed(offer.referral.code, status), DECLINE_CLOSED[status])
    ctx.referrals.decline(offer, ctx.now)
    return Reply(replies.declined(offer.referral.code), HandlerOutcome.DECLINED)


@router.handles(intents.Status)
def status(intent: intents.Status, ctx: Context) -> Reply:
    """Open offers and referrals awaiting a report; first, when no new offers come, why (bot/availability.py)."""
    offers = [o.referral.code for o in ctx.referrals.open_offers(ctx.agent.id, ctx.now)]
    note = availability.status_note(ctx)
    if note is not None:
        return Reply(replies.with_open_offers(note, offers))
    return Reply(replies.status(offers, [r.code for r in ctx.referrals.awaiting_update(ctx.agent.id)]))
