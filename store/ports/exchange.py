"""The exchange port: agent-to-agent referrals, candidates, fee agreements, network invitations. Every write another
transaction could also make first tells the text group (`shared_write`)."""
from __future__ import annotations

from datetime import datetime

from bot.closing import Closure
from bot.model import AgentView, Candidate, OfferView, ReferralSummary
from store import billing, closing, exchange, referrals
from store.links import exchange_link
from store.ports.tx import Tx


class ExchangeAdapter:
    """bot.ports.ExchangePort over one transaction."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    def express_interest(self, offer: OfferView, now: datetime) -> bool:
        self.tx.group.shared_write()
        return exchange.express_interest(self.tx.session, offer.id, offer.referral.id, now=now)

    def candidates(self, referral_id: int) -> list[Candidate]:
        self.tx.group.shared_write()  # the ranks are stored
        return exchange.ranked_candidates(self.tx.session, referral_id, now=self.tx.now,
                                          due_days=self.tx.env.config.reminder_days)

    def awaiting_award(self, sender_id: int) -> list[ReferralSummary]:
        return [referrals.summary(r) for r in exchange.sender_referrals(self.tx.session, sender_id, ("accepted",))]

    def sender_referral(self, sender_id: int, code: str) -> ReferralSummary | None:
        found = [r for r in exchange.sender_referrals(self.tx.session, sender_id, ("new", "accepted", "pending"))
                 if r.code == code.lstrip("#")]
        return referrals.summary(found[0]) if found else None

    def select(self, referral_id: int, rank: int, now: datetime) -> AgentView | None:
        self.tx.group.shared_write()
        offer = exchange.select_candidate(self.tx.session, referral_id, rank, now=now)
        return billing.agent_of(self.tx.session, offer.agent_id) if offer else None

    def selected_for(self, agent_id: int) -> list[ReferralSummary]:
        return [referrals.summary(r) for r in exchange.selected_for(self.tx.session, agent_id)]

    def agree(self, referral_id: int, agent_id: int, now: datetime, *, signed_name: str | None = None,
              signed_ip: str | None = None) -> bool:
        """The fee agreed: the referral is awarded, and everyone else it went to is told (store/closing.py)."""
        self.tx.group.shared_write()
        if not exchange.agree(self.tx.session, referral_id, agent_id, now=now, channel=str(self.tx.channel),
                              signed_name=signed_name, signed_ip=signed_ip):
            return False
        closing.close_offers(self.tx.session, self.tx.env, referral_id, Closure.AWARDED, now=now, winner_id=agent_id)
        return True

    def offer_of(self, referral_id: int, agent_id: int) -> OfferView | None:
        return referrals.offer_for(self.tx.session, referral_id, agent_id)

    def agreement_link(self, offer: OfferView) -> str:
        return exchange_link(self.tx.env, offer.id, offer.expires_at)

    def accept_pending_invitation(self, agent_id: int, now: datetime) -> AgentView | None:
        link = self.tx.group.pending_invitation(agent_id)
        if link is None:
            return None
        self.tx.group.shared_write()
        if not exchange.accept(self.tx.session, link.id, now=now):
            return None
        return billing.agent_of(self.tx.session, link.owner_agent_id)
