"""What Stripe tells us, applied in one transaction each: the worker's answers to our jobs (`on_sent`
hooks) and the signed webhook events. Every path is idempotent: a repeated event or a retried job changes
nothing twice."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import replies
from bot.events import PaymentReceived
from bot.messages import Channel, Inbound, OutboxItem, Outgoing, SendResult
from bot.outcomes import HandlerOutcome
from store import billing, ledger, payment_checks, pipeline, referrals, sending
from store.env import BotEnv
from store.models import Invoice

OnSent = Callable[[Session, OutboxItem, SendResult, datetime], None]


def on_sent_hooks(env: BotEnv) -> dict[str, OnSent]:
    """Keyed by the outbox row's kind (the Stripe operation)."""
    return {"send_invoice": lambda s, item, result, now: invoice_ready(s, env, item, result, now),
            "charge_balance": lambda s, item, result, now: balance_charged(s, env, item, result, now),
            "refund_invoice": refund_confirmed}


def send(session: Session, env: BotEnv, out: Any, now: datetime) -> None:
    sending.send(session, env, out, now=now)


def invoice_ready(session: Session, env: BotEnv, item: OutboxItem, result: SendResult, now: datetime) -> None:
    """Stripe made the invoice: send the agent its link on the channel they asked on."""
    invoice = billing.invoice_sent(session, item, result, now)
    agent = billing.agent_of(session, invoice.agent_id) if invoice else None
    referral = billing.referral_of(session, invoice) if invoice else None
    if invoice is None or agent is None or referral is None or invoice.status != "open":
        return
    view = billing.invoice_view(invoice, env.public_base_url, env.secret_key)
    text = replies.invoice_link(referral.code, invoice.amount_cents, view.link or "",
                                f"{referral.client_type} in {referral.zip_code}")
    out = billing.notify_text(agent, text, f"invoice-link:{invoice.id}", referral.id, "invoice")
    if invoice.channel == Channel.EMAIL and out.channel is Channel.SMS:
        out = Outgoing(Channel.EMAIL, agent.email, text, f"invoice-link:{invoice.id}", agent_id=agent.id,
                               referral_id=referral.id, subject=f"Invoice for referral #{referral.code}",
                               kind="invoice")
    send(session, env, out, now)


def balance_charged(session: Session, env: BotEnv, item: OutboxItem, result: SendResult, now: datetime) -> None:
    invoice = billing.invoice_sent(session, item, result, now)
    if invoice is None:
        return
    if result.status == "paid":
        balance_paid(session, env, invoice, now)
    elif result.status == "payment_failed":
        card_declined(session, env, invoice, now)


def refund_confirmed(session: Session, item: OutboxItem, result: SendResult, now: datetime) -> None:
    """Stripe returned a payment: the ledger books it back (once, by the refund's dedupe key)."""
    invoice = billing.by_stripe_id(session, str(item.payload.get("stripe_invoice_id") or ""))
    if invoice is not None:
        ledger.refunded(session, invoice, now=now)


def balance_paid(session: Session, env: BotEnv, invoice: Invoice, now: datetime) -> None:
    if not billing.mark_paid(session, invoice, now=now):
        return
    ledger.paid(session, invoice, now=now)
    if billing.restore_after_payment(session, invoice.agent_id, now=now):
        agent = billing.agent_of(session, invoice.agent_id)
        if agent:
            send(session, env, billing.notify_text(agent, replies.balance_paid(), f"balance-paid:{invoice.id}",
                                                   None, "billing"), now)


def card_declined(session: Session, env: BotEnv, invoice: Invoice, now: datetime) -> None:
    if not billing.payment_failed(session, invoice, now=now):
        return
    ledger.charge_failed(session, invoice, now=now)
    agent = billing.agent_of(session, invoice.agent_id)
    if agent is None:
        return
    link = billing.invoice_view(invoice, env.public_base_url, env.secret_key).link
    text = replies.card_declined(link)
    send(session, env, billing.notify_text(agent, text, f"declined:{invoice.id}", None, "billing"), now)
    send(session, env, Outgoing(Channel.EMAIL, agent.email, text, f"declined-email:{invoice.id}",
                                        agent_id=agent.id, subject="Your card was declined", kind="billing"), now)


# -- webhook events ----------------------------------------------------------------------------
PAID_EVENTS = {"invoice.paid", "invoice.payment_succeeded"}
FAILED_EVENTS = {"invoice.payment_failed"}


def apply_event(session: Session, env: BotEnv, event: dict[str, Any], now: datetime) -> str:
    """One verified, first-seen Stripe event; returns what it did (for the log)."""
    kind, obj = event.get("type", ""), (event.get("data") or {}).get("object") or {}
    if kind not in PAID_EVENTS | FAILED_EVENTS or obj.get("object") != "invoice":
        return "ignored"
    invoice = find_invoice(session, obj)
    if kind in FAILED_EVENTS:
        if invoice is None or payment_checks.invoice_mismatch(invoice, obj):
            return "unknown_invoice"
        card_declined(session, env, invoice, now)
        return "payment_failed"
    problem = payment_checks.payment_mismatch(invoice, obj)
    if problem or invoice is None:
        problem = problem or payment_checks.PaymentMismatch.UNKNOWN_INVOICE
        return payment_checks.hold_for_review(session, invoice, obj, problem, now)
    invoice.stripe_invoice_id = invoice.stripe_invoice_id or str(obj["id"])
    if invoice.kind == "balance":
        balance_paid(session, env, invoice, now)
        return "balance_paid"
    return purchase(session, env, invoice, now)


def find_invoice(session: Session, obj: dict[str, Any]) -> Invoice | None:
    """Ours by Stripe's id, else by the local id we put in its metadata (the event can beat the worker's
    record of Stripe's id). Whether it matches is `payment_checks.payment_mismatch`'s question."""
    invoice = billing.by_stripe_id(session, str(obj.get("id", "")))
    local_id = (obj.get("metadata") or {}).get("local_invoice_id")
    if invoice is None and local_id and str(local_id).isdigit():
        invoice = session.get(Invoice, int(local_id))
    return invoice


def purchase(session: Session, env: BotEnv, invoice: Invoice, now: datetime) -> str:
    """A paid purchase invoice: the payer wins exactly once, or is refunded.

    The referral row is locked before any invoice row is touched: two payments for one referral then queue
    on the referral instead of each holding its own invoice and waiting for the other's (a deadlock).
    """
    if invoice.referral_id:
        referrals.lock(session, invoice.referral_id)
        session.refresh(invoice)
    if invoice.status == "void":  # paid although voided (it raced the void): refund below via the claim
        invoice.status = "open"
    if not billing.mark_paid(session, invoice, now=now):
        return "repeat"
    agent = billing.agent_of(session, invoice.agent_id)
    offer = referrals.offer_for(session, invoice.referral_id, invoice.agent_id) if invoice.referral_id else None
    if agent is None or offer is None:
        ledger.paid(session, invoice, now=now)
        return "no_offer"
    paid = Inbound(Channel.STRIPE, sender=agent.phone, body="", provider_id=f"invoice-paid:{invoice.id}",
                   received_at=now)  # the webhook recorded the Stripe event; mark_paid above let it through once
    event = PaymentReceived(billing.invoice_view(invoice, env.public_base_url, env.secret_key), offer)
    outcome = pipeline.handle(session, env, pipeline.Arrival(paid, agent=agent, intent=event, recorded=False)).outcome
    if outcome in (HandlerOutcome.WON, HandlerOutcome.ALREADY_YOURS):
        ledger.purchased(session, invoice, offer.referral.code, now=now)
    ledger.paid(session, invoice, now=now)  # a refund, if one is due, is booked when Stripe confirms it
    return outcome
