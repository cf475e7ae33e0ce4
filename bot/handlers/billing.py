"""Paid referrals: an invoice request while the referral is available, and what a payment does.

A payment is the purchase's claim: the payer wins through the same exclusive claim as a text, gets the
contact details, and every other open invoice for the referral is voided with a "Referral Purchased
Already" message. A payment that arrives after someone else won (or after expiry) is refunded at once.
"""
from __future__ import annotations

from bot import events, intents, replies
from bot.handlers.contact import send_contact_details
from bot.handlers.lookup import resolve_offer
from bot.messages import Channel, Outgoing
from bot.model import ClaimOutcome, InvoiceView, OfferView
from bot.outcomes import REFUNDED, HandlerOutcome
from bot.ports import Context
from bot.router import Reply, Router
from bot.states import OfferStatus, ReferralMode

router = Router("billing")


@router.handles(intents.InvoiceRequest)
def invoice_request(intent: intents.InvoiceRequest, ctx: Context) -> Reply:
    offer = resolve_offer(intent.ref, ctx, "INVOICE")
    return offer if isinstance(offer, Reply) else request_invoice(offer, ctx)


def request_invoice(offer: OfferView, ctx: Context) -> Reply:
    """One open invoice per agent and referral: asking again re-sends the same link."""
    code = offer.referral.code
    if offer.referral.mode is not ReferralMode.PAID:
        return Reply(replies.free_to_claim(code), HandlerOutcome.NOT_PAID)
    if offer.expired(ctx.now) or offer.status is OfferStatus.EXPIRED:
        return Reply(replies.expired_referral(code), HandlerOutcome.EXPIRED)
    if not offer.referral.available:
        mine = offer.referral.winner_agent_id == ctx.agent.id
        return Reply(replies.for_claim(ClaimOutcome.ALREADY_YOURS, code) if mine
                     else replies.purchased_already(code),
                     HandlerOutcome.ALREADY_YOURS if mine else HandlerOutcome.TAKEN)
    existing = ctx.billing.open_invoice(ctx.agent.id, offer.referral.id)
    if existing:
        return Reply(replies.invoice_link(code, existing.amount_cents, existing.link, area(offer)) if existing.link
                     else replies.invoice_coming(code, existing.amount_cents, area(offer)),
                     HandlerOutcome.INVOICE_RESENT)
    ctx.billing.request_invoice(offer, ctx.agent, str(ctx.channel), ctx.now)
    return Reply(None, HandlerOutcome.INVOICE_REQUESTED)  # one message per invoice: the link once Stripe made it


def area(offer: OfferView) -> str:
    return f"{offer.referral.client_type} in {offer.referral.zip_code}"


@router.handles(events.PaymentReceived)
def payment_received(event: events.PaymentReceived, ctx: Context) -> Reply:
    """A paid purchase invoice (a routed event: store/billing_events.py sends it through the pipeline)."""
    return Reply(None, purchase_paid(event.invoice, event.offer, ctx))


def purchase_paid(invoice: InvoiceView, offer: OfferView, ctx: Context) -> HandlerOutcome:
    """The payer wins, exactly once; a late or expired payment is refunded and the payer told why."""
    outcome = ctx.referrals.claim(offer, ctx.now)
    code = offer.referral.code
    if outcome is ClaimOutcome.WON:
        send_contact_details(offer, ctx)  # the contact email, and a confirmation text
        ctx.billing.void_other_invoices(offer.referral.id, ctx.agent.id, ctx.now)  # their holders were told
        return HandlerOutcome.WON  # by the claim's notice to everyone offered it (store/closing.py)
    if outcome is ClaimOutcome.ALREADY_YOURS:
        return HandlerOutcome.ALREADY_YOURS
    ctx.billing.refund(invoice, str(outcome), ctx.now)
    text = replies.refunded_expired(code) if outcome is ClaimOutcome.EXPIRED else replies.refunded_taken(code)
    tell_agent(ctx, invoice, text, f"refunded:{invoice.id}", offer)
    return REFUNDED[outcome]


def tell_agent(ctx: Context, invoice: InvoiceView, text: str, key: str, offer: OfferView) -> None:
    """Tell the invoice's agent on the channel they asked for it (email when they opted out of texts)."""
    agent = ctx.billing.agent_by_id(invoice.agent_id)
    if agent is None:
        return
    use_email = invoice.channel == "email" or agent.sms_opted_out
    channel = Channel.EMAIL if use_email else Channel.SMS
    ctx.outbox.send(Outgoing(channel, agent.email if use_email else agent.phone, text, key, agent_id=agent.id,
                             referral_id=offer.referral.id, kind="purchase",
                             subject=f"Referral #{offer.referral.code}" if use_email else None))
