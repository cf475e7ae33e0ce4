"""The store's implementation of the bot's ports, over one Session (one transaction).

It is the one place that knows which text group a transaction runs in (store/textgroup/): the SMS webhook's
texts run grouped (`text_runner`), everything else direct. Reads the group may answer go through it, appends
go to it, and every other write first tells it (`shared_write`)."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from bot.closing import Closure
from bot.fees import Fee
from bot.messages import Channel, Outgoing
from bot.model import (
    AgentView,
    Candidate,
    ClaimOutcome,
    ContactDetails,
    InvoiceView,
    OfferView,
    RaceReceipt,
    ReferralSummary,
)
from store import agents as agent_store
from store import billing, calls, closing, exchange, ledger, pending, referrals, sending
from store.env import BotEnv
from store.links import call_answer_url, claim_link, connect_call_url, exchange_link
from store.models import Invoice
from store.review import review_row
from store.sql import Sql
from store.textgroup import TextGroup, TextRunner, direct_group, runner

if TYPE_CHECKING:
    from store.db import Store

__all__ = ["StorePorts", "TextGroup", "TextRunner", "text_runner"]

# The inbound message was written in this transaction (or the group's): nobody else writes it.
LINK_MESSAGE = Sql("UPDATE messages SET referral_id = :referral WHERE id = :message")


def text_runner(store: Store) -> TextRunner:
    """How the SMS webhook runs its texts: grouped (store/textgroup/grouped.py)."""
    return runner(store, grouped=True)


class StorePorts:
    """The bot's ports over one Session."""

    def __init__(self, session: Session, env: BotEnv, now: datetime, message_id: int | None = None,
                 agent: AgentView | None = None, channel: Channel = Channel.SMS, sender: str = "",
                 body: str = "", group: TextGroup | None = None) -> None:
        self.session, self.env, self.now = session, env, now
        self.group = group if group is not None else direct_group(session)
        self.message_id, self.agent, self.channel, self.sender, self.body = message_id, agent, channel, sender, body
        self.referral_id: int | None = None  # the referral the message resolved to (see `about`)

    # PendingPort
    def ask(self, agent_id: int, intent: object, question: str, expires_at: datetime, now: datetime) -> None:
        self.group.shared_write()
        pending.ask(self.session, agent_id, intent, question, expires_at, now)  # type: ignore[arg-type]

    # ReferralsPort
    def open_offers(self, agent_id: int, now: datetime) -> list[OfferView]:
        return self.group.open_offers(agent_id, now)

    def latest_offer(self, agent_id: int) -> OfferView | None:
        return self.group.latest_offer(agent_id)

    def offer_by_code(self, agent_id: int, code: str) -> OfferView | None:
        return self.group.offer_by_code(agent_id, code)

    def claim(self, offer: OfferView, now: datetime) -> ClaimOutcome:
        self.group.shared_write(keeps_reads=True)
        outcome = referrals.claim(self.session, self.env, offer, now=now, notes=self.group.note)
        if outcome is ClaimOutcome.WON:
            self.group.awarded(offer.referral.id)
        return outcome

    def decline(self, offer: OfferView, now: datetime) -> None:
        self.group.shared_write(keeps_reads=True)
        if referrals.decline(self.session, offer, now=now, notes=self.group.note):
            self.group.declined(offer.agent_id)

    def late_answer(self, offer: OfferView, now: datetime) -> RaceReceipt | None:
        return referrals.late_answer(self.session, offer, now=now)

    def contact_for_winner(self, referral_id: int, agent_id: int) -> ContactDetails | None:
        return referrals.contact_for_winner(self.session, referral_id, agent_id)

    def awaiting_update(self, agent_id: int) -> list[ReferralSummary]:
        return referrals.awaiting_update(self.session, agent_id)

    def won_by_code(self, agent_id: int, code: str) -> ReferralSummary | None:
        return referrals.won_by_code(self.session, agent_id, code)

    def move(self, referral_id: int, current: str, target: str, now: datetime, *, sale_amount: int | None = None,
             lost_reason: str | None = None, invalid: bool = False) -> bool:
        self.group.shared_write()
        return referrals.move(self.session, referral_id, current, target, now=now, sale_amount=sale_amount,
                              lost_reason=lost_reason, invalid=invalid, notes=self.group.note)

    def note(self, referral_id: int, agent_id: int | None, kind: str, text: str, now: datetime) -> None:
        if text.strip():
            self.group.note(referrals.note_row(referral_id, agent_id, kind, text.strip()[:2000], now))

    def about(self, referral_id: int) -> None:
        """Link the inbound message to the referral it resolved to: the referral's log shows the agent's words."""
        if self.referral_id is not None:
            return
        self.referral_id = referral_id
        if self.message_id is not None:
            LINK_MESSAGE.rowcount(self.session, referral=referral_id, message=self.message_id)

    # AgentsPort
    def opt_out(self, agent: AgentView, source: str, now: datetime) -> None:
        self.group.shared_write()
        agent_store.opt_out(self.session, agent.phone, source=source, now=now)

    def opt_in(self, agent: AgentView, now: datetime) -> None:
        self.group.shared_write()
        agent_store.opt_in(self.session, agent.phone, now=now)

    def pause(self, agent: AgentView, start: date, until: date | None, now: datetime) -> None:
        self.group.shared_write()
        agent_store.pause(self.session, agent.id, start=start, until=until, now=now)

    def resume(self, agent: AgentView, now: datetime) -> None:
        self.group.shared_write()
        agent_store.resume(self.session, agent.id, now=now)

    def set_capacity(self, agent: AgentView, per_week: int | None, now: datetime) -> None:
        agent_store.set_capacity(self.session, agent.id, per_week, now=now)

    def won_this_week(self, agent: AgentView, now: datetime) -> int:
        return agent_store.won_this_week(self.session, [agent.id], now=now).get(agent.id, 0)

    def restore_if_clear(self, agent: AgentView, now: datetime) -> bool:
        """Lift a suspension for overdue reports once none is overdue any more."""
        if agent.suspended_reason != agent_store.OVERDUE_REASON:
            return False
        if referrals.overdue(self.session, agent.id, now=now, days=self.env.config.report_overdue_days):
            return False
        self.group.shared_write()
        return agent_store.unsuspend(self.session, agent.id, agent_store.OVERDUE_REASON, now=now)

    # BillingPort
    def open_invoice(self, agent_id: int, referral_id: int) -> InvoiceView | None:
        invoice = billing.open_purchase(self.session, agent_id, referral_id)
        return self._invoice_view(invoice) if invoice else None

    def request_invoice(self, offer: OfferView, agent: AgentView, channel: str, now: datetime) -> InvoiceView:
        self.group.shared_write()
        invoice = billing.request_purchase(self.session, offer, agent, channel, now=now,
                                           days_until_due=self.env.invoice_days_until_due)
        return self._invoice_view(invoice)

    def refund(self, invoice: InvoiceView, reason: str, now: datetime) -> None:
        self.group.shared_write()
        billing.refund(self.session, invoice.id, reason, now=now)

    def void_other_invoices(self, referral_id: int, winner_id: int, now: datetime) -> list[InvoiceView]:
        self.group.shared_write()
        return [self._invoice_view(i) for i in billing.void_others(self.session, referral_id, winner_id, now=now)]

    def agent_by_id(self, agent_id: int) -> AgentView | None:
        return billing.agent_of(self.session, agent_id)

    def _invoice_view(self, invoice: Invoice) -> InvoiceView:
        return billing.invoice_view(invoice, self.env.public_base_url, self.env.secret_key)

    # ExchangePort
    def express_interest(self, offer: OfferView, now: datetime) -> bool:
        self.group.shared_write()
        return exchange.express_interest(self.session, offer.id, offer.referral.id, now=now)

    def candidates(self, referral_id: int) -> list[Candidate]:
        self.group.shared_write()  # the ranks are stored
        return exchange.ranked_candidates(self.session, referral_id, now=self.now,
                                          due_days=self.env.config.reminder_days)

    def awaiting_award(self, sender_id: int) -> list[ReferralSummary]:
        return [referrals.summary(r) for r in exchange.sender_referrals(self.session, sender_id, ("accepted",))]

    def sender_referral(self, sender_id: int, code: str) -> ReferralSummary | None:
        found = [r for r in exchange.sender_referrals(self.session, sender_id, ("new", "accepted", "pending"))
                 if r.code == code.lstrip("#")]
        return referrals.summary(found[0]) if found else None

    def select(self, referral_id: int, rank: int, now: datetime) -> AgentView | None:
        self.group.shared_write()
        offer = exchange.select_candidate(self.session, referral_id, rank, now=now)
        return billing.agent_of(self.session, offer.agent_id) if offer else None

    def selected_for(self, agent_id: int) -> list[ReferralSummary]:
        return [referrals.summary(r) for r in exchange.selected_for(self.session, agent_id)]

    def agree(self, referral_id: int, agent_id: int, now: datetime, *, signed_name: str | None = None,
              signed_ip: str | None = None) -> bool:
        """The fee agreed: the referral is awarded, and everyone else it went to is told (store/closing.py)."""
        self.group.shared_write()
        if not exchange.agree(self.session, referral_id, agent_id, now=now, channel=str(self.channel),
                              signed_name=signed_name, signed_ip=signed_ip):
            return False
        closing.close_offers(self.session, self.env, referral_id, Closure.AWARDED, now=now, winner_id=agent_id)
        return True

    def offer_of(self, referral_id: int, agent_id: int) -> OfferView | None:
        return referrals.offer_for(self.session, referral_id, agent_id)

    def agreement_link(self, offer: OfferView) -> str:
        return exchange_link(self.env, offer.id, offer.expires_at)

    def accept_pending_invitation(self, agent_id: int, now: datetime) -> AgentView | None:
        link = self.group.pending_invitation(agent_id)
        if link is None:
            return None
        self.group.shared_write()
        if not exchange.accept(self.session, link.id, now=now):
            return None
        return billing.agent_of(self.session, link.owner_agent_id)

    # LedgerPort
    def charge(self, agent_id: int, referral_id: int | None, fee: Fee, now: datetime) -> None:
        self.group.shared_write()
        ledger.charge(self.session, agent_id, referral_id, fee, now=now)

    def credit_award_fee(self, agent_id: int, referral_id: int, now: datetime) -> None:
        self.group.shared_write()
        ledger.credit_award_fee(self.session, agent_id, referral_id, now=now)

    # OutboxPort
    def send(self, message: Outgoing) -> None:
        self.group.shared_write(keeps_reads=True)  # a queued message changes nothing the group read
        sending.send(self.session, self.env, message, now=self.now)

    # ReviewPort
    def flag(self, reason: str) -> None:
        self.group.review(review_row(message_id=self.message_id, agent_id=self.agent.id if self.agent else None,
                                     channel=str(self.channel), sender=self.sender, body=self.body, reason=reason,
                                     now=self.now))

    # LinksPort
    def claim_link(self, offer: OfferView) -> str:
        return claim_link(self.env, offer.id, offer.expires_at)

    def call_answer_url(self, offer: OfferView) -> str:
        return call_answer_url(self.env, offer.id, offer.expires_at)

    def connect_call_url(self, offer: OfferView) -> str:
        return connect_call_url(self.env, offer.id, offer.expires_at)

    # CallsPort
    def call_in_progress(self, agent_id: int, now: datetime) -> bool:
        return calls.call_in_progress(self.session, agent_id, now=now)
