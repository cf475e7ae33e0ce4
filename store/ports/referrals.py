"""The referrals port: offers, claims, declines, reports' moves and notes. Every write another transaction could
also make first tells the text group (`shared_write`)."""
from __future__ import annotations

from datetime import datetime

from bot.model import ClaimOutcome, ContactDetails, OfferView, RaceReceipt, ReferralSummary
from store import referrals
from store.ports.tx import Tx
from store.sql import Sql

# The inbound message was written in this transaction (or the group's): nobody else writes it.
LINK_MESSAGE = Sql("UPDATE messages SET referral_id = :referral WHERE id = :message")


class ReferralsAdapter:
    """bot.ports.ReferralsPort over one transaction."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    @property
    def referral_id(self) -> int | None:
        """The referral the message being handled resolved to (`about`), if any."""
        return self.tx.referral_id

    def open_offers(self, agent_id: int, now: datetime) -> list[OfferView]:
        return self.tx.group.open_offers(agent_id, now)

    def latest_offer(self, agent_id: int) -> OfferView | None:
        return self.tx.group.latest_offer(agent_id)

    def offer_by_code(self, agent_id: int, code: str) -> OfferView | None:
        return self.tx.group.offer_by_code(agent_id, code)

    def claim(self, offer: OfferView, now: datetime) -> ClaimOutcome:
        self.tx.group.shared_write(keeps_reads=True)
        outcome = referrals.claim(self.tx.session, self.tx.env, offer, now=now, notes=self.tx.group.note)
        if outcome is ClaimOutcome.WON:
            self.tx.group.awarded(offer.referral.id)
        return outcome

    def decline(self, offer: OfferView, now: datetime) -> None:
        self.tx.group.shared_write(keeps_reads=True)
        if referrals.decline(self.tx.session, offer, now=now, notes=self.tx.group.note):
            self.tx.group.declined(offer.agent_id)

    def late_answer(self, offer: OfferView, now: datetime) -> RaceReceipt | None:
        self.tx.group.shared_write(keeps_reads=True)  # the offer's answer time: no read of the group's shows it
        return referrals.late_answer(self.tx.session, offer, now=now)

    def contact_for_winner(self, referral_id: int, agent_id: int) -> ContactDetails | None:
        return referrals.contact_for_winner(self.tx.session, referral_id, agent_id)

    def awaiting_update(self, agent_id: int) -> list[ReferralSummary]:
        return referrals.awaiting_update(self.tx.session, agent_id)

    def won_by_code(self, agent_id: int, code: str) -> ReferralSummary | None:
        return referrals.won_by_code(self.tx.session, agent_id, code)

    def move(self, referral_id: int, current: str, target: str, now: datetime, *, sale_amount: int | None = None,
             lost_reason: str | None = None, invalid: bool = False) -> bool:
        self.tx.group.shared_write()
        return referrals.move(self.tx.session, referral_id, current, target, now=now, sale_amount=sale_amount,
                              lost_reason=lost_reason, invalid=invalid, notes=self.tx.group.note)

    def note(self, referral_id: int, agent_id: int | None, kind: str, text: str, now: datetime) -> None:
        if text.strip():
            self.tx.group.note(referrals.note_row(referral_id, agent_id, kind, text.strip()[:2000], now))

    def about(self, referral_id: int) -> None:
        """Link the inbound message to the referral it resolved to: the referral's log shows the agent's words."""
        if self.tx.referral_id is not None:
            return
        self.tx.referral_id = referral_id
        if self.tx.message_id is not None:
            LINK_MESSAGE.rowcount(self.tx.session, referral=referral_id, message=self.tx.message_id)
