"""When a referral stops being available to the agents it was offered to, each of them is told at once, on
the channel the offer went by, without naming who got it.

A referral's open offers close for one of five reasons (`Closure`): another agent claimed it, bought it,
was awarded it by the sender, the offer's 60 days ran out, or the operator withdrew it. The store closes the
offers and builds one notice per agent with `closure_notice` in the same transaction (store/closing.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.messages import Channel, Outgoing
from bot.states import OfferStatus, ReferralMode


class Closure(StrEnum):
    CLAIMED = "claimed"
    PURCHASED = "purchased"
    AWARDED = "awarded"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


# The status an offer closed for each reason ends in (the page and a later NO read it).
OFFER_STATUS: dict[Closure, OfferStatus] = {
    Closure.CLAIMED: OfferStatus.LOST, Closure.PURCHASED: OfferStatus.LOST, Closure.AWARDED: OfferStatus.NOT_SELECTED,
    Closure.EXPIRED: OfferStatus.EXPIRED, Closure.CANCELLED: OfferStatus.CANCELLED}
CLOSABLE = (OfferStatus.OPEN, OfferStatus.INTERESTED, OfferStatus.SELECTED)  # still waiting on someone: told
KIND = "closed"  # the message log's kind for these notices


def closure_for_award(mode: str) -> Closure:
    """Why the others lost when a referral of this mode was won by the exclusive claim."""
    return Closure.PURCHASED if mode == ReferralMode.PAID else Closure.CLAIMED


def notice_text(code: str, closure: Closure, mode: str, *, invoice_voided: bool = False) -> str:
    """One SMS segment; never who won. A buyer's open invoice is voided with the purchase: one notice says both."""
    if closure is Closure.PURCHASED:
        voided = " Your invoice was voided." if invoice_voided else ""
        return f"Referral Purchased Already: #{code} was bought by another agent.{voided}"
    if closure is Closure.EXPIRED:
        return (f"Expired Referral: #{code} is no longer available (offers last 60 days)." if mode == ReferralMode.PAID
                else f"#{code} has expired and can no longer be claimed.")
    return {Closure.CLAIMED: f"#{code} was claimed by another agent. We'll send you the next one.",
            Closure.AWARDED: f"Referral #{code} went to another agent. We'll send you the next one.",
            Closure.CANCELLED: f"#{code} was withdrawn by the network and is no longer available."}[closure]


@dataclass(frozen=True, slots=True)
class ClosedOffer:
    """An offer just closed, with what it takes to reach its agent."""

    offer_id: int
    offer_channel: str  # the channel the offer went by
    agent_id: int
    phone: str
    email: str
    sms_opted_out: bool
    referral_id: int
    code: str
    mode: str
    invoice_voided: bool = False  # the agent had an open invoice for it (a paid referral): voided with the sale


def notice_channel(closed: ClosedOffer) -> Channel:
    """The offer's channel; a call's offer is followed up by text; no text to an agent who opted out."""
    if closed.offer_channel == Channel.EMAIL or closed.sms_opted_out:
        return Channel.EMAIL
    return Channel.SMS


def closure_notice(closed: ClosedOffer, closure: Closure) -> Outgoing:
    """Keyed per agent and referral: an agent hears once that a referral is gone, whatever closed it."""
    text = notice_text(closed.code, closure, closed.mode, invoice_voided=closed.invoice_voided)
    key = f"closed:{closed.referral_id}:{closed.agent_id}"
    common = dict(agent_id=closed.agent_id, referral_id=closed.referral_id, kind=KIND)
    if notice_channel(closed) is Channel.EMAIL:
        return Outgoing(Channel.EMAIL, closed.email, text + "\n", key, subject=f"Referral #{closed.code}",
                        **common)  # type: ignore[arg-type]
    return Outgoing(Channel.SMS, closed.phone, text, key, **common)  # type: ignore[arg-type]
