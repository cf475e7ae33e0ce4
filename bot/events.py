"""Events that are no message but are handled like one: they reach the one inbound pipeline (store/pipeline.py)
and a handler registered for their type on the router, exactly as an intent does.

A Stripe payment of a purchase invoice and a signed fee agreement arrive through their own doors (the Stripe
webhook, the agreement page), each already verified and recorded there; from then on they are routed events.
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.model import InvoiceView, OfferView, ReferralSummary


@dataclass(frozen=True, slots=True)
class PaymentReceived:
    """A purchase invoice was paid: the payer wins the referral, or is refunded (bot/handlers/billing.py)."""

    invoice: InvoiceView
    offer: OfferView


@dataclass(frozen=True, slots=True)
class AgreementSigned:
    """The selected receiver signed the fee agreement on its page (bot/handlers/exchange.py)."""

    referral: ReferralSummary
    signed_name: str | None = None
    signed_ip: str | None = None


Event = PaymentReceived | AgreementSigned
EVENTS = (PaymentReceived, AgreementSigned)
