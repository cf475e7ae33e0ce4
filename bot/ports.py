"""What the handlers need from the outside, as Protocols. The store implements them over one transaction;
tests implement them in memory."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.messages import Channel, Outgoing
from bot.model import AgentView, BotConfig, ClaimOutcome, ContactDetails, OfferView


class ReferralsPort(Protocol):
    def open_offers(self, agent_id: int, now: datetime) -> list[OfferView]: ...
    def latest_offer(self, agent_id: int) -> OfferView | None: ...
    def offer_by_code(self, agent_id: int, code: str) -> OfferView | None: ...
    def claim(self, offer: OfferView, now: datetime) -> ClaimOutcome: ...
    def decline(self, offer: OfferView, now: datetime) -> None: ...
    def contact_for_winner(self, referral_id: int, agent_id: int) -> ContactDetails | None: ...


class AgentsPort(Protocol):
    def opt_out(self, agent: AgentView, source: str, now: datetime) -> None: ...
    def opt_in(self, agent: AgentView, now: datetime) -> None: ...


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
