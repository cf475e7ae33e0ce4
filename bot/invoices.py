"""Invoices in words: what an invoice is for, what happened to it and what the agent owes now.

Agents never see our internal states or outcome codes (`refunded`, `refunded_taken`...): every page and text
about an invoice says what it is for (referral code, area, price) and, once it is settled one way or another,
what happened and that nothing is owed. Only an invoice still owed offers a way to pay.
"""
from __future__ import annotations

from enum import StrEnum

from bot.replies import cents


class InvoiceStatus(StrEnum):
    REQUESTED = "requested"            # queued for Stripe
    OPEN = "open"                      # sent, waiting for payment
    PAID = "paid"
    VOID = "void"                      # another agent bought the referral first
    REFUNDED = "refunded"              # paid, then refunded (the referral was taken or had expired)
    PAYMENT_FAILED = "payment_failed"  # the card was declined; still owed


PAYABLE = frozenset({InvoiceStatus.OPEN, InvoiceStatus.PAYMENT_FAILED})


class RefundCause(StrEnum):
    TAKEN = "taken"
    EXPIRED = "expired"


def purpose(code: str | None, area: str | None, amount_cents: int) -> str:
    """'Referral #4821 (buyer in 78704), $150' or, for a balance charge, 'Referral fees, $800'."""
    if code:
        where = f" ({area})" if area else ""
        return f"Referral #{code}{where}, {cents(amount_cents)}"
    return f"Referral fees, {cents(amount_cents)}"


def standing(status: str, amount_cents: int, *, code: str | None = None,
             refund_cause: RefundCause | None = None) -> str:
    """What happened and what is owed, for an agent; never a status code."""
    owed = cents(amount_cents)
    which = f"referral #{code}" if code else "your referral fees"
    words: dict[str, str] = {  # keyed by InvoiceStatus, a StrEnum, so the stored string finds its words
        InvoiceStatus.REQUESTED: f"Your invoice for {which} is being prepared. {owed} will be due once it is sent.",
        InvoiceStatus.OPEN: f"{owed} is due. Pay it to get the client's details." if code else f"{owed} is due.",
        InvoiceStatus.PAID: f"Paid in full: {owed}. "
                            + ("It's yours: the client's details go to you by email. " if code else "")
                            + "You owe nothing more for it.",
        InvoiceStatus.VOID: f"Cancelled: another agent bought {which} before you paid. You owe nothing.",
        InvoiceStatus.PAYMENT_FAILED: f"Your card was declined. {owed} is still due.",
    }
    if status == InvoiceStatus.REFUNDED:
        why = ("it expired before your payment arrived" if refund_cause is RefundCause.EXPIRED
               else f"another agent bought {which} first")
        return f"Refunded: {why}, so your payment of {owed} is refunded in full. You owe nothing."
    return words.get(status, "We are looking into this invoice; nothing is due until we contact you.")
