"""Is a Stripe payment the one we asked for? A paid event counts only when its invoice, amount and currency
match what we issued. A signed event proves only that it came with our webhook secret, not that the money is
right: a forged or mistaken event once awarded a paid referral, client details included, for $0.

A payment that does not match is never acted on: it lands on the operator's review list (once per Stripe
invoice and problem) and a refund of the money it reports is queued on the outbox's stripe channel under an
idempotency key (once per Stripe invoice). The refund names the amount and currency the event claimed, and
the worker refunds only if Stripe's own invoice shows exactly that paid: a forged event naming a real invoice
(or one paid correctly later) never refunds a correct payment; the row ends `dead` with the reason instead,
next to the review item. Nothing is booked on the ledger for a payment that never counted.
"""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.invoices import InvoiceStatus
from bot.messages import Channel
from store import billing
from store.models import Invoice, ReviewItem


class PaymentMismatch(StrEnum):
    UNKNOWN_INVOICE = "unknown invoice"
    OTHER_INVOICE = "invoice differs"
    CURRENCY = "currency differs"
    AMOUNT = "amount differs"


HELD = "held_for_review"


def invoice_mismatch(invoice: Invoice | None, obj: dict[str, Any]) -> PaymentMismatch | None:
    """The event's Stripe invoice is not the one we issued as `invoice`."""
    if invoice is None:
        return PaymentMismatch.UNKNOWN_INVOICE
    if invoice.stripe_invoice_id and str(obj.get("id")) != invoice.stripe_invoice_id:
        return PaymentMismatch.OTHER_INVOICE
    local_id = (obj.get("metadata") or {}).get("local_invoice_id")
    if local_id is not None and str(local_id) != str(invoice.id):
        return PaymentMismatch.OTHER_INVOICE
    return None


def payment_mismatch(invoice: Invoice | None, obj: dict[str, Any]) -> PaymentMismatch | None:
    """None when the paid event is for `invoice`, in its currency, for exactly its amount."""
    problem = invoice_mismatch(invoice, obj)
    if problem or invoice is None:
        return problem or PaymentMismatch.UNKNOWN_INVOICE
    if str(obj.get("currency") or "").lower() != billing.CURRENCY:
        return PaymentMismatch.CURRENCY
    paid = obj.get("amount_paid")
    if isinstance(paid, bool) or not isinstance(paid, int) or paid != invoice.amount_cents:
        return PaymentMismatch.AMOUNT
    return None


def hold_for_review(session: Session, invoice: Invoice | None, obj: dict[str, Any], problem: PaymentMismatch,
                    now: datetime) -> str:
    """Record the mismatch for the operator and refund whatever the event says was paid; award nothing."""
    stripe_id = str(obj.get("id") or "")
    reason = f"payment mismatch: {problem}"
    agent_id = invoice.agent_id if invoice else None
    if not _already_held(session, stripe_id, reason):
        session.add(ReviewItem(agent_id=agent_id, channel=str(Channel.STRIPE), sender=stripe_id[:320],
                               body=_describe(invoice, obj), reason=reason, status="open", created_at=now))
    claimed = claimed_payment(obj)
    if stripe_id and claimed and not _already_counted(invoice, stripe_id):
        billing.stripe_job(session, f"refund-unmatched:{stripe_id}",
                           {"op": "refund_invoice", "reason": reason, "stripe_invoice_id": stripe_id,
                            "only_if_paid": claimed},
                           agent_id, invoice.referral_id if invoice else None, now)
    return HELD


def claimed_payment(obj: dict[str, Any]) -> dict[str, Any] | None:
    """The money the event says was paid, if it says any (there is nothing to refund of $0 or of garbage)."""
    amount, currency = obj.get("amount_paid"), obj.get("currency")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0 or not isinstance(currency, str):
        return None
    return {"amount": amount, "currency": currency[:8].lower()}


def _already_counted(invoice: Invoice | None, stripe_id: str) -> bool:
    """Our invoice was paid correctly already: a later event about it that disagrees refunds nothing."""
    return (invoice is not None and invoice.stripe_invoice_id == stripe_id
            and invoice.status in (InvoiceStatus.PAID, InvoiceStatus.REFUNDED))


def _already_held(session: Session, stripe_id: str, reason: str) -> bool:
    """invoice.paid and invoice.payment_succeeded both report one payment: one review item for both."""
    return session.scalar(select(ReviewItem.id).where(ReviewItem.channel == str(Channel.STRIPE),
                                                      ReviewItem.sender == stripe_id,
                                                      ReviewItem.reason == reason).limit(1)) is not None


def _describe(invoice: Invoice | None, obj: dict[str, Any]) -> str:
    paid = f"{str(obj.get('amount_paid'))[:20]} {str(obj.get('currency') or '?')[:8]}"
    issued = (f"our invoice {invoice.id} ({invoice.kind}, {invoice.amount_cents} {billing.CURRENCY}, "
              f"Stripe {invoice.stripe_invoice_id or 'not yet recorded'})") if invoice else "no invoice of ours"
    return f"Stripe says invoice {str(obj.get('id'))[:64]} was paid {paid}; we issued {issued}. Refund queued."
