"""The winner and the client: the contact details go to the winner alone (by email), and CONNECT calls the
winner and puts them through to the client."""
from __future__ import annotations

from bot import intents, replies
from bot.handlers.lookup import resolve_offer
from bot.messages import CallSpec, Channel, Outgoing
from bot.model import ClaimOutcome, OfferView
from bot.outcomes import HandlerOutcome
from bot.ports import Context
from bot.router import Reply, Router
from bot.states import OfferStatus

router = Router("contact")


def send_contact_details(offer: OfferView, ctx: Context) -> None:
    """The winner's email with the client's details, and a confirmation text when they claimed elsewhere."""
    contact = ctx.referrals.contact_for_winner(offer.referral.id, ctx.agent.id)
    if contact is None:
        return
    sender = ctx.billing.agent_by_id(offer.referral.sender_agent_id) if offer.referral.sender_agent_id else None
    subject, body = replies.contact_email(ctx.agent, offer.referral, contact, ctx.config,
                                          sender_name=sender.name if sender else None)
    ctx.outbox.send(Outgoing(Channel.EMAIL, ctx.agent.email, body, f"contact:{offer.referral.id}",
                             agent_id=ctx.agent.id, referral_id=offer.referral.id, subject=subject,
                             kind="contact"))
    if ctx.channel is not Channel.SMS and not ctx.agent.sms_opted_out:
        text = replies.for_claim(ClaimOutcome.WON, offer.referral.code)
        ctx.outbox.send(Outgoing(Channel.SMS, ctx.agent.phone, text, f"claim-confirm:{offer.referral.id}",
                                 agent_id=ctx.agent.id, referral_id=offer.referral.id, kind="confirmation"))


@router.handles(intents.ConnectRequest)
def connect_request(intent: intents.ConnectRequest, ctx: Context) -> Reply:
    """"CONNECT": the winner is called and, on answering, put through to the client (one call at a time)."""
    offer = resolve_offer(intent.ref, ctx, "CONNECT")
    if isinstance(offer, Reply):
        return offer
    code = offer.referral.code
    if offer.status is not OfferStatus.WON:
        return Reply(replies.connect_not_yours(code), HandlerOutcome.CONNECT_NOT_YOURS)
    contact = ctx.referrals.contact_for_winner(offer.referral.id, ctx.agent.id)
    if contact is None or not contact.phone:
        return Reply(replies.connect_no_phone(code), HandlerOutcome.CONNECT_NO_PHONE)
    if ctx.calls.call_in_progress(ctx.agent.id, ctx.now):
        return Reply(replies.call_already_under_way(code), HandlerOutcome.CALL_UNDER_WAY)
    ctx.outbox.send(Outgoing(Channel.VOICE, ctx.agent.phone, f"Live connect for #{code}",
                             f"connect-call:{offer.id}:{ctx.now.isoformat()}", agent_id=ctx.agent.id,
                             referral_id=offer.referral.id, kind="call",
                             call=CallSpec(ctx.links.connect_call_url(offer))))
    return Reply(replies.connecting(code), HandlerOutcome.CONNECT_CALL_PLACED)
