"""The money and agent-to-agent adapters in memory: purchase invoices (BillingPort) and the exchange's
interest, ranked list, award and fee agreement (ExchangePort), as store/billing.py and store/exchange.py."""
from __future__ import annotations

from datetime import datetime, timedelta

from bot.closing import Closure
from bot.lifecycle import Status
from bot.messages import Channel
from bot.model import (
    AgentView,
    BotConfig,
    Candidate,
    InvoiceView,
    OfferView,
    ReferralSummary,
)
from bot.testing.ports import MemoryLinks
from bot.testing.rows import OPEN_INVOICE, close_offers, stripe_job
from bot.testing.world import (
    OPEN,
    Agreement,
    InvoiceRecord,
    ReferralRecord,
    World,
)
from bot.tokens import make_token

INTERESTED = "interested"


# -- BillingPort -----------------------------------------------------------------------------------
class MemoryBilling:
    def __init__(self, world: World, links: MemoryLinks, days_until_due: int = 7) -> None:
        self.world, self.links, self.days_until_due = world, links, days_until_due

    def open_invoice(self, agent_id: int, referral_id: int) -> InvoiceView | None:
        found = [i for i in self.world.invoices.values() if i.agent_id == agent_id and i.referral_id == referral_id
                 and i.kind == "purchase" and i.status in OPEN_INVOICE]
        return self._view(found[0]) if found else None

    def request_invoice(self, offer: OfferView, agent: AgentView, channel: str, now: datetime) -> InvoiceView:
        invoice = InvoiceRecord(id=self.world.next_id("invoice"), agent_id=agent.id, referral_id=offer.referral.id,
                                amount_cents=offer.referral.price_cents or 0, channel=channel, created_at=now)
        self.world.invoices[invoice.id] = invoice
        stripe_job(self.world, f"invoice:{invoice.id}", {"op": "send_invoice", "invoice_ref": invoice.id,
                                                          "amount_cents": invoice.amount_cents,
                                                          "days_until_due": self.days_until_due},
                   agent.id, offer.referral.id, now)
        return self._view(invoice)

    def refund(self, invoice: InvoiceView, reason: str, now: datetime) -> None:
        record = self.world.invoices.get(invoice.id)
        if record is None or record.status == "refunded":
            return
        record.status = "refunded"
        stripe_job(self.world, f"refund:{record.id}", {"op": "refund_invoice", "reason": reason,
                                                        "stripe_invoice_id": record.stripe_invoice_id},
                   record.agent_id, record.referral_id, now)

    def void_other_invoices(self, referral_id: int, winner_id: int, now: datetime) -> list[InvoiceView]:
        others = [i for i in self.world.invoices.values() if i.referral_id == referral_id and i.kind == "purchase"
                  and i.agent_id != winner_id and i.status in OPEN_INVOICE]
        for invoice in others:
            invoice.status = "void"
            if invoice.stripe_invoice_id:
                stripe_job(self.world, f"void:{invoice.id}", {"op": "void_invoice",
                                                               "stripe_invoice_id": invoice.stripe_invoice_id},
                           invoice.agent_id, referral_id, now)
        return [self._view(i) for i in others]

    def agent_by_id(self, agent_id: int) -> AgentView | None:
        record = self.world.agents.get(agent_id)
        return record.view() if record else None

    def _view(self, invoice: InvoiceRecord) -> InvoiceView:
        link = None
        if invoice.hosted_url:
            token = make_token(self.links.secret, "invoice", invoice.id, invoice.created_at + timedelta(days=90))
            link = f"{self.links.base_url}/i/{token}"
        return InvoiceView(id=invoice.id, agent_id=invoice.agent_id, referral_id=invoice.referral_id,
                           amount_cents=invoice.amount_cents, status=invoice.status, channel=invoice.channel,
                           link=link)


# -- ExchangePort ----------------------------------------------------------------------------------
class MemoryExchange:
    def __init__(self, world: World, links: MemoryLinks, config: BotConfig, now: datetime,
                 channel: Channel = Channel.SMS) -> None:
        self.world, self.links, self.config, self.now, self.channel = world, links, config, now, channel

    def express_interest(self, offer: OfferView, now: datetime) -> bool:
        """The receiver says yes; the referral becomes Accepted with its first interested agent."""
        record = self.world.offers[offer.id]
        first = record.status == OPEN
        if first:
            record.status, record.responded_at = INTERESTED, now
        referral = self.world.referrals[offer.referral.id]
        if referral.status == Status.NEW:
            referral.status, referral.updated_at = str(Status.ACCEPTED), now
        return first

    def candidates(self, referral_id: int) -> list[Candidate]:
        """Interested agents: nearest first (5-mile buckets), then the most reliable, then the fastest."""
        scored = []
        for offer in self.world.offers.values():
            if offer.referral_id == referral_id and offer.status == INTERESTED:
                reliability, days = self._report_record(offer.agent_id)
                bucket = round((offer.miles if offer.miles is not None else 999) / 5)
                key = (bucket, -(reliability or 0.0), days if days is not None else 99.0, offer.id)
                scored.append((key, offer, reliability, days))
        scored.sort(key=lambda row: row[0])
        candidates = []
        for rank, (_, offer, reliability, days) in enumerate(scored, start=1):
            offer.rank = rank
            candidates.append(Candidate(rank, self.world.agent(offer.agent_id), offer.miles, reliability, days))
        return candidates

    def _report_record(self, agent_id: int) -> tuple[float | None, float | None]:
        """(share of awarded referrals reported on, average days to the first report), as store/exchange.py."""
        rows = [(r.awarded_at, r.last_update_at) for r in self.world.referrals.values()
                if r.winner_agent_id == agent_id and not r.invalid and r.awarded_at is not None]
        reported = [(u - a).total_seconds() / 86400 for a, u in rows if a and u and u > a]
        cutoff = self.now - timedelta(days=self.config.reminder_days)
        due = [a for a, u in rows if a and not (u and u > a) and a <= cutoff]
        if not reported and not due:
            return None, None
        return len(reported) / (len(reported) + len(due)), (sum(reported) / len(reported) if reported else None)

    def awaiting_award(self, sender_id: int) -> list[ReferralSummary]:
        return [r.summary() for r in self._sent_by(sender_id, (Status.ACCEPTED,))]

    def sender_referral(self, sender_id: int, code: str) -> ReferralSummary | None:
        found = [r for r in self._sent_by(sender_id, (Status.NEW, Status.ACCEPTED, Status.PENDING))
                 if r.code == code.lstrip("#")]
        return found[0].summary() if found else None

    def _sent_by(self, sender_id: int, statuses: tuple[str, ...]) -> list[ReferralRecord]:
        return sorted((r for r in self.world.referrals.values()
                       if r.sender_agent_id == sender_id and r.status in statuses), key=lambda r: r.id)

    def select(self, referral_id: int, rank: int, now: datetime) -> AgentView | None:
        """The sender's pick: Accepted -> Pending for exactly one selection."""
        offer = next((o for o in self.world.offers.values()
                      if o.referral_id == referral_id and o.rank == rank and o.status == INTERESTED), None)
        referral = self.world.referrals[referral_id]
        if offer is None or referral.status != Status.ACCEPTED:
            return None
        referral.status, referral.selected_agent_id, referral.updated_at = str(Status.PENDING), offer.agent_id, now
        offer.status, offer.responded_at = "selected", now
        return self.world.agent(offer.agent_id)

    def selected_for(self, agent_id: int) -> list[ReferralSummary]:
        return [r.summary() for r in sorted(self.world.referrals.values(), key=lambda r: r.id)
                if r.selected_agent_id == agent_id and r.status == Status.PENDING]

    def agree(self, referral_id: int, agent_id: int, now: datetime, *, signed_name: str | None = None,
              signed_ip: str | None = None) -> bool:
        """Pending -> Awarded for the selected agent, exactly once; everyone else it went to is told."""
        referral = self.world.referrals[referral_id]
        if (referral.status != Status.PENDING or referral.selected_agent_id != agent_id
                or referral.winner_agent_id is not None):
            return False
        referral.status, referral.winner_agent_id, referral.awarded_at = str(Status.AWARDED), agent_id, now
        referral.last_update_at = referral.updated_at = now
        self.world.agreements.append(Agreement(referral_id, agent_id, referral.fee_percent or 0.0, str(self.channel),
                                               now, signed_name, signed_ip))
        for offer in self.world.offers.values():
            if offer.referral_id == referral_id and offer.agent_id == agent_id:
                offer.status = "won"
        close_offers(self.world, referral_id, Closure.AWARDED, now, agent_id)
        return True

    def offer_of(self, referral_id: int, agent_id: int) -> OfferView | None:
        offer = self.world.offer_for(referral_id, agent_id)
        return self.world.offer_view(offer.id) if offer else None

    def agreement_link(self, offer: OfferView) -> str:
        return self.links.agreement_link(offer)

    def accept_pending_invitation(self, agent_id: int, now: datetime) -> AgentView | None:
        links = sorted((k for k in self.world.links.values()
                        if k.member_agent_id == agent_id and k.status == "pending"), key=lambda k: k.id)
        if not links:
            return None
        links[0].status, links[0].accepted_at = "accepted", now
        return self.world.agent(links[0].owner_agent_id)


