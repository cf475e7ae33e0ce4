"""Claiming by phone: "call me" places a call that ends with the keypad prompt (press 1 claims); call-first
referrals take that road for a plain YES too."""
from __future__ import annotations

from bot import intents, replies
from bot.handlers.lookup import resolve_offer
from bot.messages import CallSpec, Channel, Outgoing
from bot.model import ClaimOutcome, OfferView
from bot.outcomes import CLAIMED, HandlerOutcome
from bot.ports import Context
from bot.router import Reply, Router
from bot.states import OfferStatus

router = Router("calls")


@router.handles(intents.CallRequest)
def call_request(intent: intents.CallRequest, ctx: Context) -> Reply:
    """"Call me to claim": place a call that ends with the keypad prompt (press 1 claims)."""
    offer = resolve_offer(intent.ref, ctx, "CALL")
    if isinstance(offer, Reply):
        return offer
    return place_call(offer, ctx)


def place_call(offer: OfferView, ctx: Context) -> Reply:
    """Queue one outbound call for an open offer; never a second while one to this agent is under way."""
    if offer.status is not OfferStatus.OPEN or offer.expired(ctx.now) or not offer.referral.available:
        outcome = ClaimOutcome.EXPIRED if offer.expired(ctx.now) else ClaimOutcome.TAKEN
        if offer.status is OfferStatus.WON:
            outcome = ClaimOutcome.ALREADY_YOURS
        return Reply(replies.for_claim(outcome, offer.referral.code), CLAIMED[outcome])
    if ctx.calls.call_in_progress(ctx.agent.id, ctx.now):
        return Reply(replies.call_already_under_way(offer.referral.code), HandlerOutcome.CALL_UNDER_WAY)
    url = ctx.links.call_answer_url(offer)
    ctx.outbox.send(Outgoing(Channel.VOICE, ctx.agent.phone, replies.summary_line(offer.referral),
                             f"call:{offer.id}:{ctx.now.isoformat()}", agent_id=ctx.agent.id,
                             referral_id=offer.referral.id, kind="call", call=CallSpec(url)))
    return Reply(replies.calling(offer.referral.code), HandlerOutcome.CALL_PLACED)
