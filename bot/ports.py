"""What the handlers need from the outside, as Protocols. The store implements them over one transaction;
tests implement them in memory."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.messages import Channel, Outgoing
from datetime import date

from bot.fees import Fee
from bot.model import AgentView, BotConfig, ClaimOutcome, ContactDetails, OfferView, ReferralSummary


class ReferralsPort(Protocol):
    def open_offers(self, agent_id: int, now: datetime) -> list[OfferView]: ...
    def latest_offer(self, agent_id: int) -> OfferView | None: ...
    def offer_by_code(self, agent_id: int, code: str) -> OfferView | None: ...
    def claim(self, offer: OfferView, now: datetime) -> ClaimOutcome: ...
    def decline(self, offer: OfferView, now: datetime) -> None: ...
    def contact_for_winner(self, referral_id: int, agent_id: int) -> ContactDetails | None: ...
    def awaiting_update(self, agent_id: int) -> list[ReferralSummary]: ...
    def won_by_code(self, agent_id: int, code: str) -> ReferralSummary | None: ...
    def move(self, referral_id: int, current: str, target: str, now: datetime, *, sale_amount: int | None = None,
             lost_reason: str | None = None, invalid: bool = False) -> bool: ...
    def note(self, referral_id: int, agent_id: int | None, kind: str, text: str, now: datetime) -> None: ...


class AgentsPort(Protocol):
    def opt_out(self, agent: AgentView, source: str, now: datetime) -> None: ...
    def opt_in(self, agent: AgentView, now: datetime) -> None: ...
    def pause(self, agent: AgentView, start: date, until: date | None, now: datetime) -> None: ...
    def resume(self, agent: AgentView, now: datetime) -> None: ...
    def restore_if_clear(self, agent: AgentView, now: datetime) -> bool: ...


class LedgerPort(Protocol):
    def charge(self, agent_id: int, referral_id: int | None, fee: Fee, now: datetime) -> None: ...
    def credit_award_fee(self, agent_id: int, referral_id: int, now: datetime) -> None: ...


class OutboxPort(Protocol):
    def send(self, message: Outgoing) -> None: ...


class ReviewPort(Protocol):
    def flag(self, reason: str) -> None: ...


class LinksPort(Protocol):
    def claim_link(self, offer: OfferView) -> str: ...
    def call_answer_url(self, offer: OfferView) -> str: ...


class CallsPort(Protocol):
    def call_in_progress(self, agent_id: int, now: datetime) -> bool: ...


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a handler may use: who sent it, on which channel, when, and the ports."""

    agent: AgentView
    channel: Channel
    now: datetime
    config: BotConfig
    referrals: ReferralsPort
    agents: AgentsPort
    outbox: OutboxPort
    review: ReviewPort
    links: LinksPort
    calls: CallsPort
    ledger: LedgerPort
    text: str = ""  # the message as the agent wrote it (kept as a note with reports)
