"""Live connect: what the bridge from the agent's call to the client needs from the store.

The client's phone is read here only to put it into the winner's <Dial> (never spoken, never logged), and
only when the offer on the call is the referral's winning offer.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.states import OfferStatus
from store.models import Offer, Referral, ReferralContact


def client_phone_for_winner(session: Session, offer_id: int) -> str | None:
    """The client's phone when this offer won its referral and the client gave one; otherwise None."""
    offer = session.get(Offer, offer_id)
    if offer is None or offer.status != OfferStatus.WON:  # a row: a plain string
        return None
    contact = session.get(ReferralContact, offer.referral_id)
    return contact.phone if contact and contact.phone else None


def record_first_contact(session: Session, offer_id: int, *, now: datetime) -> None:
    """The first time the client answered a bridge: speed to lead as measured, kept once."""
    offer = session.get(Offer, offer_id)
    referral = session.get(Referral, offer.referral_id) if offer else None
    if referral is not None and referral.first_contact_at is None:
        referral.first_contact_at = now
