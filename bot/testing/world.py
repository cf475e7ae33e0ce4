"""The in-memory world the memory ports work on: agents, referrals, offers, the outbox, the ledger, notes,
review items, invoices, pending questions and network links, as plain records in dicts and lists.

Records are mutable (the ports change them as the store's statements change rows); what the handlers see
are the same frozen views the store builds (`AgentView`, `ReferralSummary`, `OfferView`). The builders
(`add_agent`, `add_referral`, `add_offer`) give every required field a plain default, so a test names only
what its rule is about.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from bot.lifecycle import Status
from bot.messages import Outgoing
from bot.model import AgentView, ContactDetails, OfferView, ReferralSummary
from bot.states import OfferStatus, ReferralMode

OPEN = "open"  # an offer awaiting the agent's answer


@dataclass(slots=True)
class AgentRecord:
    id: int
    name: str
    phone: str
    email: str
    timezone: str = "America/Chicago"
    client_types: tuple[str, ...] = ("buyer", "seller")
    status: str = "active"
    paused_from: date | None = None
    paused_until: date | None = None
    sms_opted_out_at: datetime | None = None
    sms_opt_out_source: str | None = None
    pricing: Mapping[str, Any] = field(default_factory=dict)
    suspended_reason: str | None = None
    language: str = "en"
    zip_codes: tuple[str, ...] = ("78704",)
    max_per_week: int | None = None

    def view(self) -> AgentView:
        return AgentView(id=self.id, name=self.name, phone=self.phone, email=self.email, timezone=self.timezone,
                         client_types=self.client_types, status=self.status, paused_from=self.paused_from,
                         paused_until=self.paused_until, sms_opted_out=self.sms_opted_out_at is not None,
                         pricing=dict(self.pricing), suspended_reason=self.suspended_reason, language=self.language,
                         max_per_week=self.max_per_week)


@dataclass(slots=True)
class ReferralRecord:
    id: int
    code: str
    contact: ContactDetails
    mode: str = "first_come"
    status: str = "new"
    zip_code: str = "78704"
    client_type: str = "buyer"
    price_min: int | None = 400_000
    price_max: int | None = 500_000
    timeline: str | None = "0-3 months"
    price_cents: int | None = None
    winner_agent_id: int | None = None
    awarded_at: datetime | None = None
    last_update_at: datetime | None = None
    sender_agent_id: int | None = None
    fee_percent: float | None = None
    selected_agent_id: int | None = None
    sale_amount: int | None = None
    lost_reason: str | None = None
    invalid: bool = False
    updated_at: datetime | None = None
    note: str | None = None  # the sender's note about the client: the winner gets it with the contact details

    def summary(self) -> ReferralSummary:
        return ReferralSummary(id=self.id, code=self.code, mode=ReferralMode(self.mode), status=Status(self.status),
                               zip_code=self.zip_code, client_type=self.client_type, price_min=self.price_min,
                               price_max=self.price_max, timeline=self.timeline, price_cents=self.price_cents,
                               winner_agent_id=self.winner_agent_id, awarded_at=self.awarded_at,
                               last_update_at=self.last_update_at, sender_agent_id=self.sender_agent_id,
                               fee_percent=self.fee_percent, selected_agent_id=self.selected_agent_id)


@dataclass(slots=True)
class OfferRecord:
    id: int
    referral_id: int
    agent_id: int
    notified_at: datetime
    expires_at: datetime
    status: str = OPEN
    channel: str = "sms"
    responded_at: datetime | None = None
    miles: float | None = None
    rank: int | None = None
    handed_off_at: datetime | None = None  # the provider accepted its message (the store's worker sets it)


@dataclass(slots=True)
class Queued:
    """One outbox row: the message, when it was queued, and its delivery status (a call's, for CallsPort)."""

    message: Outgoing
    queued_at: datetime
    status: str = "queued"


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    agent_id: int
    referral_id: int | None
    kind: str
    amount_cents: int
    memo: str
    dedupe_key: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Note:
    referral_id: int | None
    agent_id: int | None
    kind: str
    text: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ReviewItem:
    agent_id: int | None
    channel: str
    sender: str
    body: str
    reason: str
    created_at: datetime


@dataclass(slots=True)
class InvoiceRecord:
    id: int
    agent_id: int
    referral_id: int | None
    amount_cents: int
    channel: str
    created_at: datetime
    kind: str = "purchase"
    status: str = "requested"
    stripe_invoice_id: str | None = None
    hosted_url: str | None = None


@dataclass(frozen=True, slots=True)
class PendingQuestion:
    intent: object
    question: str
    expires_at: datetime
    created_at: datetime


@dataclass(slots=True)
class NetworkLink:
    id: int
    owner_agent_id: int
    member_agent_id: int
    status: str = "pending"
    accepted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Agreement:
    referral_id: int
    agent_id: int
    fee_percent: float
    channel: str
    agreed_at: datetime
    signed_name: str | None = None
    signed_ip: str | None = None


CLIENT = ContactDetails(name="Pat Quinlan", phone="+15125559876", email="pat.quinlan@example.com")


@dataclass
class World:
    """Everything the memory ports read and change. Ids count from 1 per kind, as a fresh database's do."""

    agents: dict[int, AgentRecord] = field(default_factory=dict)
    referrals: dict[int, ReferralRecord] = field(default_factory=dict)
    offers: dict[int, OfferRecord] = field(default_factory=dict)
    outbox: list[Queued] = field(default_factory=list)
    ledger: list[LedgerEntry] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    reviews: list[ReviewItem] = field(default_factory=list)
    invoices: dict[int, InvoiceRecord] = field(default_factory=dict)
    pending: dict[int, PendingQuestion] = field(default_factory=dict)
    links: dict[int, NetworkLink] = field(default_factory=dict)
    agreements: list[Agreement] = field(default_factory=list)
    _ids: dict[str, Iterator[int]] = field(default_factory=dict, repr=False)

    def next_id(self, kind: str) -> int:
        return next(self._ids.setdefault(kind, itertools.count(1)))

    # -- builders ------------------------------------------------------------------------------
    def add_agent(self, **fields: Any) -> AgentView:
        """An active agent covering 78704 for buyers and sellers; `n`-numbered phone, email and name."""
        agent_id = self.next_id("agent")
        defaults = {"name": f"Agent {agent_id} Smith", "phone": f"+1512555{agent_id:04d}",
                    "email": f"agent{agent_id}@example.test"}
        record = AgentRecord(id=agent_id, **(defaults | fields))
        self.agents[agent_id] = record
        return record.view()

    def add_referral(self, *, code: str | None = None, contact: ContactDetails = CLIENT,
                     **fields: Any) -> ReferralSummary:
        """A new first-come buyer referral in 78704 (code 1000 + id unless given)."""
        referral_id = self.next_id("referral")
        record = ReferralRecord(id=referral_id, code=code or str(1000 + referral_id), contact=contact, **fields)
        self.referrals[referral_id] = record
        return record.summary()

    def add_offer(self, referral_id: int, agent_id: int, *, now: datetime, ttl_days: int = 60,
                  **fields: Any) -> OfferView:
        """An open offer made at `now`, lasting `ttl_days`."""
        record = OfferRecord(id=self.next_id("offer"), referral_id=referral_id, agent_id=agent_id, notified_at=now,
                             expires_at=now + timedelta(days=ttl_days), **fields)
        self.offers[record.id] = record
        return self.offer_view(record.id)

    def add_link(self, owner_id: int, member_id: int, *, status: str = "pending") -> NetworkLink:
        link = NetworkLink(id=self.next_id("link"), owner_agent_id=owner_id, member_agent_id=member_id,
                           status=status)
        self.links[link.id] = link
        return link

    # -- views ---------------------------------------------------------------------------------
    def agent(self, agent_id: int) -> AgentView:
        return self.agents[agent_id].view()

    def referral(self, referral_id: int) -> ReferralSummary:
        return self.referrals[referral_id].summary()

    def offer_view(self, offer_id: int) -> OfferView:
        offer = self.offers[offer_id]
        return OfferView(id=offer.id, agent_id=offer.agent_id, status=OfferStatus(offer.status), channel=offer.channel,
                         notified_at=offer.notified_at, expires_at=offer.expires_at,
                         referral=self.referral(offer.referral_id))

    def agent_offers(self, agent_id: int) -> list[OfferRecord]:
        return [offer for offer in self.offers.values() if offer.agent_id == agent_id]

    def offer_for(self, referral_id: int, agent_id: int) -> OfferRecord | None:
        return next((o for o in self.offers.values() if o.referral_id == referral_id and o.agent_id == agent_id),
                    None)

    def sent(self) -> list[Outgoing]:
        """Every message queued, oldest first."""
        return [queued.message for queued in self.outbox]

    def sent_to(self, address: str) -> list[str]:
        """The bodies queued for one phone number or email address."""
        return [queued.message.body for queued in self.outbox if queued.message.to == address]

    def balance(self, agent_id: int) -> int:
        return sum(entry.amount_cents for entry in self.ledger if entry.agent_id == agent_id)
