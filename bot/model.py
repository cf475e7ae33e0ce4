"""Domain values the handlers reason about. The store builds them; nothing here knows about SQL.

`ReferralSummary` is what may be shown to any matched agent. `ContactDetails` is what only the winner gets.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from bot.lifecycle import Status
from bot.states import EXCHANGE_MODES, OfferStatus, ReferralMode


@dataclass(frozen=True, slots=True)
class AgentView:
    id: int
    name: str
    phone: str
    email: str
    timezone: str
    client_types: tuple[str, ...]
    status: str
    paused_from: date | None
    paused_until: date | None
    sms_opted_out: bool
    pricing: Mapping[str, Any] = field(default_factory=dict)
    suspended_reason: str | None = None
    language: str = "en"  # en | es: the language of our replies
    max_per_week: int | None = None  # "MAX 2 A WEEK": no offers once this many were won in the last 7 days
    won_this_week: int = 0  # referrals won in the last 7 days, filled in where capacity is checked (matching)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


@dataclass(frozen=True, slots=True)
class ReferralSummary:
    """The offerable part of a referral: area, client type, price range, timeline. No client details."""

    id: int
    code: str
    mode: ReferralMode
    status: Status
    zip_code: str
    client_type: str
    price_min: int | None
    price_max: int | None
    timeline: str | None
    price_cents: int | None = None
    winner_agent_id: int | None = None
    awarded_at: datetime | None = None
    last_update_at: datetime | None = None
    sender_agent_id: int | None = None
    fee_percent: float | None = None
    selected_agent_id: int | None = None

    @property
    def exchange(self) -> bool:
        """An agent-to-agent referral: receivers express interest, the sender awards, both agree the fee."""
        return self.mode in EXCHANGE_MODES

    @property
    def available(self) -> bool:
        """Still open for claiming (or, in an exchange, for interest)."""
        return self.status in (Status.NEW, Status.ACCEPTED)


@dataclass(frozen=True, slots=True)
class ContactDetails:
    name: str
    phone: str | None
    email: str | None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class OfferView:
    id: int
    agent_id: int
    status: OfferStatus
    channel: str
    notified_at: datetime
    expires_at: datetime
    referral: ReferralSummary

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at


class ClaimOutcome(StrEnum):
    WON = "won"
    ALREADY_YOURS = "already_yours"
    TAKEN = "taken"
    EXPIRED = "expired"
    NOT_OFFERED = "not_offered"
    WITHDRAWN = "withdrawn"  # the operator withdrew the referral


@dataclass(frozen=True, slots=True)
class RaceReceipt:
    """For an agent who answered after someone else's claim: each time counted from that agent's own offer being
    handed to the provider. Nothing else about the winner."""

    claimed_after: float  # seconds from the winner's offer leaving to the claim
    answered_after: float  # seconds from this agent's offer leaving to their (first) answer


@dataclass(frozen=True, slots=True)
class BotConfig:
    program_name: str
    support_contact: str
    offer_ttl_days: int = 60
    reminder_days: int = 14
    report_overdue_days: int = 30
    suspend_grace_days: int = 7
    unresponsive_fail_days: int = 30


@dataclass(frozen=True, slots=True)
class InvoiceView:
    id: int
    agent_id: int
    referral_id: int | None
    amount_cents: int
    status: str
    channel: str
    link: str | None  # our short link to the hosted invoice, once Stripe made it


@dataclass(frozen=True, slots=True)
class Candidate:
    """An interested receiver as the sender sees them in the ranked list."""

    rank: int
    agent: AgentView
    miles: float | None
    reliability: float | None  # share of awarded referrals reported on
    report_days: float | None  # average days from award to first report
