"""One in-memory adapter per `bot.ports` protocol, over a shared `World` (billing and exchange: deals.py).

Each adapter does what the store's adapter does to its rows, and nothing more: the same conditional
updates (a claim wins only while the referral is `new` with no winner), the same dedupe keys (outbox and
ledger), the same notes and the same closure notices to the agents who lost. `tests/contract/` runs one
suite against these adapters and the store on SQLite and PostgreSQL and requires the same answers.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.closing import closure_for_award
from bot.fees import Fee, LedgerKind
from bot.lifecycle import AWAITING_UPDATE, Status
from bot.messages import Channel, Outgoing
from bot.model import (
    AgentView,
    BotConfig,
    ClaimOutcome,
    ContactDetails,
    OfferView,
    RaceReceipt,
    ReferralSummary,
)
from bot.testing.rows import add_note, book, close_offers, enqueue
from bot.testing.world import (
    OPEN,
    OfferRecord,
    PendingQuestion,
    ReferralRecord,
    ReviewItem,
    World,
)
from bot.tokens import make_token

OVERDUE_REASON = "overdue reports"  # the suspension `restore_if_clear` lifts (store/agents.py says the same)
WEEK = timedelta(days=7)  # what "MAX 2 A WEEK" counts (store/agents.py says the same)
CALL_WINDOW = timedelta(minutes=10)  # a call with no final status stops counting as under way after this
FINAL_CALL = {"delivered", "undelivered", "failed", "read", "completed", "busy", "no-answer", "canceled"}


# -- ReferralsPort -----------------------------------------------------------------------------------
class MemoryReferrals:
    def __init__(self, world: World) -> None:
        self.world = world
        self.referral_id: int | None = None  # the referral the message resolved to (see `about`)

    def open_offers(self, agent_id: int, now: datetime) -> list[OfferView]:
        found = [o for o in self.world.agent_offers(agent_id) if o.status == OPEN and o.expires_at > now
                 and self.world.referrals[o.referral_id].status in (Status.NEW, Status.ACCEPTED)]
        return [self.world.offer_view(o.id) for o in sorted(found, key=lambda o: (o.notified_at, o.id))]

    def latest_offer(self, agent_id: int) -> OfferView | None:
        offers = sorted(self.world.agent_offers(agent_id), key=lambda o: (o.notified_at, o.id))
        return self.world.offer_view(offers[-1].id) if offers else None

    def offer_by_code(self, agent_id: int, code: str) -> OfferView | None:
        found = [o for o in self.world.agent_offers(agent_id)
                 if self.world.referrals[o.referral_id].code == code.lstrip("#")]
        return self.world.offer_view(found[0].id) if found else None

    def claim(self, offer: OfferView, now: datetime) -> ClaimOutcome:
        """The store's exclusive claim: decided on the offer as read, then a conditional award."""
        referral = self.world.referrals[offer.referral.id]
        if offer.referral.winner_agent_id == offer.agent_id:
            return ClaimOutcome.ALREADY_YOURS
        if offer.status == "cancelled":
            return ClaimOutcome.WITHDRAWN
        expired = offer.expired(now) or offer.status == "expired"
        if offer.referral.winner_agent_id is not None:
            return ClaimOutcome.EXPIRED if expired else ClaimOutcome.TAKEN
        if not expired and referral.winner_agent_id is None and referral.status == Status.NEW:
            self._award(referral, offer, now)
            return ClaimOutcome.WON
        if referral.winner_agent_id == offer.agent_id:
            return ClaimOutcome.ALREADY_YOURS
        return ClaimOutcome.EXPIRED if expired else ClaimOutcome.TAKEN

    def _award(self, referral: ReferralRecord, offer: OfferView, now: datetime) -> None:
        agent = offer.agent_id
        referral.winner_agent_id, referral.status, referral.awarded_at = agent, str(Status.AWARDED), now
        referral.last_update_at = referral.updated_at = now
        for record in self.world.offers.values():
            if record.referral_id == referral.id and record.agent_id == agent:
                record.status, record.responded_at = "won", now
        close_offers(self.world, referral.id, closure_for_award(referral.mode), now, agent)
        add_note(self.world, referral.id, agent, "claimed", f"Claimed by agent {agent}", now)

    def decline(self, offer: OfferView, now: datetime) -> None:
        record = self.world.offers[offer.id]
        if offer.status == OPEN and record.status == OPEN:
            record.status, record.responded_at = "declined", now
        add_note(self.world, offer.referral.id, offer.agent_id, "declined", f"Declined by agent {offer.agent_id}",
                 now)

    def late_answer(self, offer: OfferView, now: datetime) -> RaceReceipt | None:
        """A claim after someone else's: the first such answer's time is kept; each time from its own hand-off."""
        referral = self.world.referrals[offer.referral.id]
        winner = next((o for o in self.world.offers.values()
                       if o.referral_id == referral.id and o.status == "won"), None)
        mine = self.world.offers.get(offer.id)
        if winner is None or mine is None or referral.awarded_at is None:
            return None
        mine.responded_at = mine.responded_at or now
        return RaceReceipt(claimed_after=_seconds(winner.handed_off_at or winner.notified_at, referral.awarded_at),
                           answered_after=_seconds(mine.handed_off_at or mine.notified_at, mine.responded_at))

    def contact_for_winner(self, referral_id: int, agent_id: int) -> ContactDetails | None:
        referral = self.world.referrals.get(referral_id)
        if referral is None or referral.winner_agent_id != agent_id:
            return None
        contact = referral.contact
        return ContactDetails(contact.name, contact.phone, contact.email, referral.note)

    def awaiting_update(self, agent_id: int) -> list[ReferralSummary]:
        found = [r for r in self.world.referrals.values()
                 if r.winner_agent_id == agent_id and r.status in AWAITING_UPDATE]
        return [r.summary() for r in sorted(found, key=lambda r: (r.awarded_at is not None, r.awarded_at, r.id))]

    def won_by_code(self, agent_id: int, code: str) -> ReferralSummary | None:
        found = [r for r in self.world.referrals.values()
                 if r.code == code.lstrip("#") and r.winner_agent_id == agent_id]
        return found[0].summary() if found else None

    def move(self, referral_id: int, current: str, target: str, now: datetime, *, sale_amount: int | None = None,
             lost_reason: str | None = None, invalid: bool = False) -> bool:
        """Change the status only if it is still `current`."""
        referral = self.world.referrals.get(referral_id)
        if referral is None or referral.status != current:
            return False
        referral.status, referral.updated_at, referral.last_update_at = str(target), now, now
        if sale_amount is not None:
            referral.sale_amount = sale_amount
        if lost_reason is not None:
            referral.lost_reason = lost_reason
        referral.invalid = referral.invalid or invalid
        add_note(self.world, referral_id, None, "status", f"{current} -> {target}", now)
        return True

    def note(self, referral_id: int, agent_id: int | None, kind: str, text: str, now: datetime) -> None:
        if text.strip():
            add_note(self.world, referral_id, agent_id, kind, text.strip()[:2000], now)

    def about(self, referral_id: int) -> None:
        if self.referral_id is None:
            self.referral_id = referral_id


def _seconds(start: datetime, end: datetime) -> float:
    return max((end - start).total_seconds(), 0.0)


# -- AgentsPort ------------------------------------------------------------------------------------
class MemoryAgents:
    def __init__(self, world: World, config: BotConfig) -> None:
        self.world, self.config = world, config

    def opt_out(self, agent: AgentView, source: str, now: datetime) -> None:
        record = self.world.agents[agent.id]
        if record.sms_opted_out_at is None:
            record.sms_opted_out_at, record.sms_opt_out_source = now, source

    def opt_in(self, agent: AgentView, now: datetime) -> None:
        record = self.world.agents[agent.id]
        record.sms_opted_out_at, record.sms_opt_out_source = None, None

    def pause(self, agent: AgentView, start: date, until: date | None, now: datetime) -> None:
        record = self.world.agents[agent.id]
        if record.status != "suspended":
            record.status, record.paused_from, record.paused_until = "paused", start, until

    def resume(self, agent: AgentView, now: datetime) -> None:
        record = self.world.agents[agent.id]
        if record.status == "paused":
            record.status, record.paused_from, record.paused_until = "active", None, None

    def set_capacity(self, agent: AgentView, per_week: int | None, now: datetime) -> None:
        self.world.agents[agent.id].max_per_week = per_week

    def won_this_week(self, agent: AgentView, now: datetime) -> int:
        return sum(1 for r in self.world.referrals.values() if r.winner_agent_id == agent.id
                   and r.awarded_at is not None and r.awarded_at > now - WEEK)

    def restore_if_clear(self, agent: AgentView, now: datetime) -> bool:
        """Lift a suspension for overdue reports once none is overdue any more."""
        record = self.world.agents[agent.id]
        if agent.suspended_reason != OVERDUE_REASON or self._overdue(agent.id, now):
            return False
        if record.status != "suspended" or record.suspended_reason != OVERDUE_REASON:
            return False
        record.status, record.suspended_reason = "active", None
        return True

    def _overdue(self, agent_id: int, now: datetime) -> bool:
        cutoff = now - timedelta(days=self.config.report_overdue_days)
        return any(r.winner_agent_id == agent_id and r.status in AWAITING_UPDATE
                   and (r.last_update_at or r.awarded_at or now) <= cutoff for r in self.world.referrals.values())


# -- LedgerPort ------------------------------------------------------------------------------------
class MemoryLedger:
    def __init__(self, world: World) -> None:
        self.world = world

    def charge(self, agent_id: int, referral_id: int | None, fee: Fee, now: datetime) -> None:
        book(self.world, agent_id, referral_id, fee.kind, fee.cents, fee.memo, f"{fee.kind}:{referral_id}:{agent_id}",
             now)

    def credit_award_fee(self, agent_id: int, referral_id: int, now: datetime) -> None:
        """An invalid referral costs nothing: reverse its award fee, if one was booked."""
        fee = next((e for e in self.world.ledger if e.agent_id == agent_id and e.referral_id == referral_id
                    and e.kind == LedgerKind.AWARD_FEE), None)
        if fee is not None:
            book(self.world, agent_id, referral_id, LedgerKind.CREDIT, -fee.amount_cents,
                 f"Credit: {fee.memo} marked invalid", f"credit:{referral_id}:{agent_id}", now)


# -- OutboxPort, ReviewPort, PendingPort -------------------------------------------------------------
class MemoryOutbox:
    def __init__(self, world: World, now: datetime) -> None:
        self.world, self.now = world, now

    def send(self, message: Outgoing) -> None:
        enqueue(self.world, message, self.now)


@dataclass(frozen=True, slots=True)
class Inbound:
    """What the review item records about the message being handled."""

    agent_id: int | None = None
    channel: Channel = Channel.SMS
    sender: str = ""
    body: str = ""


class MemoryReview:
    def __init__(self, world: World, inbound: Inbound, now: datetime) -> None:
        self.world, self.inbound, self.now = world, inbound, now

    def flag(self, reason: str) -> None:
        message = self.inbound
        self.world.reviews.append(ReviewItem(message.agent_id, str(message.channel), message.sender, message.body,
                                             reason, self.now))


class MemoryPending:
    def __init__(self, world: World) -> None:
        self.world = world

    def ask(self, agent_id: int, intent: object, question: str, expires_at: datetime, now: datetime) -> None:
        """Remember the question, replacing any earlier one (the newest question is the one a YES answers)."""
        self.world.pending[agent_id] = PendingQuestion(intent, question, expires_at, now)


# -- LinksPort, CallsPort ------------------------------------------------------------------------
class MemoryLinks:
    """The same signed links the store makes, for the same base URL and secret."""

    def __init__(self, base_url: str, secret: str) -> None:
        self.base_url, self.secret = base_url.rstrip("/"), secret

    def _token(self, kind: str, offer: OfferView) -> str:
        return make_token(self.secret, kind, offer.id, offer.expires_at)

    def claim_link(self, offer: OfferView) -> str:
        return f"{self.base_url}/r/{self._token('offer', offer)}"

    def call_answer_url(self, offer: OfferView) -> str:
        return f"{self.base_url}/twilio/voice/answer?t={self._token('call', offer)}"

    def connect_call_url(self, offer: OfferView) -> str:
        return f"{self.base_url}/twilio/voice/bridge?t={self._token('call', offer)}"

    def agreement_link(self, offer: OfferView) -> str:
        return f"{self.base_url}/x/{self._token('offer', offer)}"


class MemoryCalls:
    def __init__(self, world: World) -> None:
        self.world = world

    def call_in_progress(self, agent_id: int, now: datetime) -> bool:
        """A call queued in the last ten minutes whose status is not final (`Queued.status`)."""
        return any(q.message.channel is Channel.VOICE and q.message.kind == "call" and q.message.agent_id == agent_id
                   and q.queued_at > now - CALL_WINDOW and q.status not in FINAL_CALL for q in self.world.outbox)


def offer_records(world: World, referral_id: int) -> list[OfferRecord]:
    """A referral's offers, oldest first (for tests that look at every agent's side)."""
    return sorted((o for o in world.offers.values() if o.referral_id == referral_id), key=lambda o: o.id)
