"""Referrals and offers: creation, matching, the exclusive claim, and the views the bot and API read.

The exclusive claim is one conditional UPDATE (`... WHERE winner_agent_id IS NULL AND status = 'open'`):
on PostgreSQL a concurrent claimer blocks on the row lock and then finds the condition false; on SQLite
writers are serialised. A partial unique index on offers (one `won` offer per referral) backs it up.
"""
from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from bot.closing import closure_for_award
from bot.lifecycle import AWAITING_UPDATE, Status
from bot.matching import match
from bot.model import AgentView, ClaimOutcome, ContactDetails, OfferView, RaceReceipt, ReferralSummary
from bot.states import OfferStatus, ReferralMode
from store import agents as agent_store
from store import closing
from store.dml import rows_changed
from store.env import BotEnv
from store.models import Agent, AgentZipCode, ClientCheck, HistoryNote, Offer, Referral, ReferralContact
from store.sql import DATETIME, Sql

OPEN = OfferStatus.OPEN  # an offer awaiting the agent's answer


def create_referral(session: Session, fields: dict[str, Any], *, now: datetime) -> Referral:
    client = fields["client"]
    referral = insert_with_free_code(session, lambda code: Referral(
        code=code, mode=fields.get("mode", "first_come"), status=Status.DRAFT if fields.get("draft") else Status.NEW,
        zip_code=fields["zip"], client_type=fields["client_type"], price_min=fields.get("price_min"),
        price_max=fields.get("price_max"), timeline=fields.get("timeline"), note=fields.get("note"),
        price_cents=fields.get("price_cents"), sender_agent_id=fields.get("sender_agent_id"),
        fee_percent=fields.get("fee_percent"), radius_miles=fields.get("radius_miles"), created_at=now,
        updated_at=now, dispatch=fields.get("dispatch")))
    consent = client.get("sms_consent") or {}
    session.add(ReferralContact(referral_id=referral.id, name=client["name"], phone=client.get("phone"),
                                email=client.get("email"), sms_consent_at=consent.get("given_at"),
                                sms_consent_how=consent.get("how")))
    add_note(session, referral.id, None, "created", f"Referral #{referral.code} created", now=now)
    return referral


def insert_with_free_code(session: Session, build: Callable[[str], Referral], attempts: int = 5) -> Referral:
    """Insert under a savepoint; two transactions that drew the same free code at once: the loser draws again."""
    for attempt in range(attempts):
        try:
            with session.begin_nested():
                referral = build(new_code(session))
                session.add(referral)
                session.flush()
            return referral
        except IntegrityError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def new_code(session: Session) -> str:
    """A short code agents can type: 4 digits while they last, then 5, then 6."""
    for digits in (4, 4, 4, 4, 5, 5, 5, 6, 6, 7, 8):
        code = str(secrets.randbelow(9 * 10 ** (digits - 1)) + 10 ** (digits - 1))
        if session.scalar(select(Referral.id).where(Referral.code == code)) is None:
            return code
    raise RuntimeError("could not find a free referral code")


def matching_agents(session: Session, referral: Referral, *, now: datetime) -> list[AgentView]:
    covering = select(AgentZipCode.agent_id).where(AgentZipCode.zip_code == referral.zip_code)
    candidates = [agent_view(a) for a in session.scalars(select(Agent).where(Agent.id.in_(covering)))]
    capped = [a.id for a in candidates if a.max_per_week is not None]
    won = agent_store.won_this_week(session, capped, now=now)
    candidates = [replace(a, won_this_week=won.get(a.id, 0)) if a.id in won else a for a in candidates]
    return match(candidates, summary(referral), now.date())


def create_offer(session: Session, referral: Referral, agent: AgentView, channel: str, *, now: datetime,
                 ttl_days: int) -> Offer:
    offer = Offer(referral_id=referral.id, agent_id=agent.id, status=OPEN, channel=channel, notified_at=now,
                  expires_at=now + timedelta(days=ttl_days))
    session.add(offer)
    session.flush()
    return offer


def handed_off(session: Session, dedupe_keys: list[str], *, now: datetime) -> list[int]:
    """Offers whose message (outbox key `offer:<id>:<channel>`) the provider just accepted: an agent's answer
    time counts from here, so an agent late in a broadcast's queue is not counted slow. The first hand-off
    stays (an email sent again after a failed text does not move it).

    The worker records this beside the outbox rows it marks sent, so on PostgreSQL it never waits for an offer
    another transaction holds: a claim locks its referral's offers in its own order (the winner's first), and
    waiting here for one offer while holding another made the two deadlock. Returns the offers it skipped for
    that reason, for `handed_off_one` once this transaction has committed."""
    ids = [int(parts[1]) for parts in (key.split(":") for key in dedupe_keys)
           if len(parts) == 3 and parts[0] == "offer" and parts[1].isdigit()]
    if not ids:
        return []
    if session.get_bind().dialect.name != "postgresql":  # SQLite: one writer at a time, nothing to wait for
        session.execute(update(Offer).where(Offer.id.in_(ids), Offer.handed_off_at.is_(None))
                        .values(handed_off_at=now).execution_options(synchronize_session=False))
        return []
    free = (select(Offer.id).where(Offer.id.in_(ids), Offer.handed_off_at.is_(None))
            .with_for_update(skip_locked=True).scalar_subquery())
    done = set(session.scalars(update(Offer).where(Offer.id.in_(free)).values(handed_off_at=now)
                               .returning(Offer.id).execution_options(synchronize_session=False)))
    return [offer_id for offer_id in session.scalars(select(Offer.id).where(
        Offer.id.in_(ids), Offer.handed_off_at.is_(None))) if offer_id not in done]


def handed_off_one(session: Session, *, offer_id: int, now: datetime) -> None:
    """One offer `handed_off` skipped, in a transaction of its own: it waits for the claim holding it, and
    holds nothing else meanwhile, so it cannot deadlock."""
    session.execute(update(Offer).where(Offer.id == offer_id, Offer.handed_off_at.is_(None))
                    .values(handed_off_at=now).execution_options(synchronize_session=False))


# The claim's statements, run straight on the driver (store/sql.py): they run on every YES.
_WINNER = Sql("SELECT winner_agent_id FROM referrals WHERE id = :referral")
_AWARD = Sql("UPDATE referrals SET winner_agent_id = :agent, status = 'awarded', awarded_at = :now, "
             "last_update_at = :now, updated_at = :now WHERE id = :referral AND winner_agent_id IS NULL "
             "AND status = 'new'")
_WIN_OFFER = Sql("UPDATE offers SET status = 'won', responded_at = :now WHERE referral_id = :referral "
                 "AND agent_id = :agent")
_DECLINE = Sql("UPDATE offers SET status = 'declined', responded_at = :now WHERE id = :offer AND status = 'open'")
assert str(Status.NEW) == "new" and str(Status.AWARDED) == "awarded" and OPEN == "open"


Notes = Callable[[dict[str, Any]], None]  # where a history note's row goes (default: written at once)


def claim(session: Session, env: BotEnv, offer: OfferView, *, now: datetime,
          notes: Notes | None = None) -> ClaimOutcome:
    """Exclusive first-to-claim: the conditional UPDATE lets exactly one concurrent caller get WON; the other
    agents offered it are told in the same transaction (store/closing.py).

    A repeat or late YES costs no statement: the offer was read in this transaction with its referral's
    winner, and a winner, once set, stays. Otherwise the award is tried first and the winner read only when
    it fails (someone won in between). `notes` takes the claim's history note (a text group defers it)."""
    referral, agent = offer.referral.id, offer.agent_id
    if offer.referral.winner_agent_id == agent:
        return ClaimOutcome.ALREADY_YOURS
    if offer.status == OfferStatus.CANCELLED:  # withdrawn by the operator (store/closing.py)
        return ClaimOutcome.WITHDRAWN
    expired = offer.expired(now) or offer.status == OfferStatus.EXPIRED
    if offer.referral.winner_agent_id is not None:  # someone else's already: the late claimers of a burst
        return ClaimOutcome.EXPIRED if expired else ClaimOutcome.TAKEN
    if not expired and _AWARD.rowcount(session, referral=referral, agent=agent, now=now):
        _WIN_OFFER.rowcount(session, referral=referral, agent=agent, now=now)
        closing.close_offers(session, env, referral, closure_for_award(offer.referral.mode), now=now,
                             winner_id=agent)  # the rest lost, and hear so
        (notes or _write_note(session))(note_row(referral, agent, "claimed", f"Claimed by agent {agent}", now))
        return ClaimOutcome.WON
    if _WINNER.scalar(session, referral=referral) == agent:
        return ClaimOutcome.ALREADY_YOURS
    return ClaimOutcome.EXPIRED if expired else ClaimOutcome.TAKEN


_WINNER_TIMES = Sql("SELECT o.handed_off_at, o.notified_at, r.awarded_at FROM offers o JOIN referrals r "
                    "ON r.id = o.referral_id WHERE o.referral_id = :referral AND o.status = 'won'",
                    dict(handed_off_at=DATETIME, notified_at=DATETIME, awarded_at=DATETIME))
_MY_TIMES = Sql("SELECT handed_off_at, notified_at, responded_at FROM offers WHERE id = :offer",
                dict(handed_off_at=DATETIME, notified_at=DATETIME, responded_at=DATETIME))
_ANSWERED = Sql("UPDATE offers SET responded_at = :now WHERE id = :offer AND responded_at IS NULL")


def late_answer(session: Session, offer: OfferView, *, now: datetime) -> RaceReceipt | None:
    """A claim that came after someone else's: its time is kept on the agent's offer (the operator sees every
    agent's hand-off-to-answer time; a second YES keeps the first), and the agent gets the two times."""
    winner = _WINNER_TIMES.first(session, referral=offer.referral.id)
    mine = _MY_TIMES.first(session, offer=offer.id)
    if winner is None or mine is None or winner.awarded_at is None:
        return None
    _ANSWERED.rowcount(session, offer=offer.id, now=now)
    answered = mine.responded_at or now
    return RaceReceipt(claimed_after=_seconds(winner.handed_off_at or winner.notified_at, winner.awarded_at),
                       answered_after=_seconds(mine.handed_off_at or mine.notified_at, answered))


def _seconds(start: datetime, end: datetime) -> float:
    return max((end - start).total_seconds(), 0.0)


def decline(session: Session, offer: OfferView, *, now: datetime, notes: Notes | None = None) -> bool:
    """Decline the offer; True when it was open (it changed). The history note goes to `notes`."""
    declined = offer.status == OPEN  # an offer never returns to open: otherwise the update would change nothing
    if declined:
        _DECLINE.rowcount(session, offer=offer.id, now=now)
    (notes or _write_note(session))(note_row(offer.referral.id, offer.agent_id, "declined",
                                             f"Declined by agent {offer.agent_id}", now))
    return declined


# Hot-path reads: just the columns the views need, straight on the driver (store/sql.py).
_OFFER_ROWS = ("SELECT o.id, o.agent_id, o.status, o.channel, o.notified_at, o.expires_at, r.id AS r_id, r.code, "
               "r.mode, r.status AS r_status, r.zip_code, r.client_type, r.price_min, r.price_max, r.timeline, "
               "r.price_cents, r.winner_agent_id, r.awarded_at, r.last_update_at, r.sender_agent_id, r.fee_percent, "
               "r.selected_agent_id FROM offers o JOIN referrals r ON r.id = o.referral_id ")
_OFFER_TYPES: dict[str, TypeEngine[Any]] = dict(notified_at=DATETIME, expires_at=DATETIME, awarded_at=DATETIME,
                                                last_update_at=DATETIME)
_OPEN_OFFERS = Sql(_OFFER_ROWS + "WHERE o.agent_id = :agent AND o.status = 'open' AND o.expires_at > :now "
                   "AND r.status IN ('new', 'accepted') ORDER BY o.notified_at, o.id", _OFFER_TYPES)
_LATEST_OFFER = Sql(_OFFER_ROWS + "WHERE o.agent_id = :agent ORDER BY o.notified_at DESC, o.id DESC LIMIT 1",
                    _OFFER_TYPES)
_OFFER_BY_CODE = Sql(_OFFER_ROWS + "WHERE o.agent_id = :agent AND r.code = :code", _OFFER_TYPES)
assert {str(Status.NEW), str(Status.ACCEPTED)} == {"new", "accepted"}


def offer_of_row(row: Any) -> OfferView:
    referral = ReferralSummary(id=row.r_id, code=row.code, mode=ReferralMode(row.mode), status=Status(row.r_status),
                               zip_code=row.zip_code, client_type=row.client_type, price_min=row.price_min,
                               price_max=row.price_max, timeline=row.timeline, price_cents=row.price_cents,
                               winner_agent_id=row.winner_agent_id, awarded_at=row.awarded_at,
                               last_update_at=row.last_update_at, sender_agent_id=row.sender_agent_id,
                               fee_percent=row.fee_percent, selected_agent_id=row.selected_agent_id)
    return OfferView(id=row.id, agent_id=row.agent_id, status=OfferStatus(row.status), channel=row.channel,
                     notified_at=row.notified_at, expires_at=row.expires_at, referral=referral)


def open_offers(session: Session, agent_id: int, *, now: datetime) -> list[OfferView]:
    return [offer_of_row(row) for row in _OPEN_OFFERS.rows(session, agent=agent_id, now=now)]


def latest_offer(session: Session, agent_id: int) -> OfferView | None:
    row = _LATEST_OFFER.first(session, agent=agent_id)
    return offer_of_row(row) if row else None


def offer_by_code(session: Session, agent_id: int, code: str) -> OfferView | None:
    row = _OFFER_BY_CODE.first(session, agent=agent_id, code=code.lstrip("#"))
    return offer_of_row(row) if row else None


def lock(session: Session, referral_id: int) -> None:
    """Serialise work on one referral (a no-op on SQLite, whose writers are serialised anyway)."""
    session.execute(select(Referral.id).where(Referral.id == referral_id).with_for_update())


def offer_for(session: Session, referral_id: int, agent_id: int) -> OfferView | None:
    row = session.execute(select(Offer, Referral).join(Referral, Referral.id == Offer.referral_id)
                          .where(Offer.referral_id == referral_id, Offer.agent_id == agent_id)).first()
    return offer_view(*row) if row else None


def offer_by_id(session: Session, offer_id: int) -> OfferView | None:
    row = session.execute(select(Offer, Referral).join(Referral, Referral.id == Offer.referral_id)
                          .where(Offer.id == offer_id)).first()
    return offer_view(*row) if row else None


_CONTACT = Sql("SELECT c.name, c.phone, c.email, r.note FROM referrals r JOIN referral_contacts c "
               "ON c.referral_id = r.id WHERE r.id = :referral AND r.winner_agent_id = :agent")


def contact_for_winner(session: Session, referral_id: int, agent_id: int) -> ContactDetails | None:
    """The client's details, and only for the agent who won this referral."""
    row = _CONTACT.first(session, referral=referral_id, agent=agent_id)
    return ContactDetails(row.name, row.phone, row.email, row.note) if row else None


def awaiting_update(session: Session, agent_id: int) -> list[ReferralSummary]:
    rows = session.scalars(select(Referral).where(Referral.winner_agent_id == agent_id,
                                                  Referral.status.in_([str(s) for s in AWAITING_UPDATE]))
                           .order_by(Referral.awarded_at, Referral.id))
    return [summary(r) for r in rows]


def awaiting_since(cutoff: datetime) -> Any:
    """Referrals awaiting the winner's update whose last report (or award) is older than `cutoff`."""
    last = func.coalesce(Referral.last_update_at, Referral.awarded_at)
    return select(Referral).where(Referral.winner_agent_id.is_not(None), last <= cutoff,
                                  Referral.status.in_([str(s) for s in AWAITING_UPDATE]))


def overdue(session: Session, agent_id: int, *, now: datetime, days: int) -> list[Referral]:
    return list(session.scalars(awaiting_since(now - timedelta(days=days))
                                .where(Referral.winner_agent_id == agent_id)))


def won_by_code(session: Session, agent_id: int, code: str) -> ReferralSummary | None:
    referral = session.scalar(select(Referral).where(Referral.code == code.lstrip("#"),
                                                     Referral.winner_agent_id == agent_id))
    return summary(referral) if referral else None


def move(session: Session, referral_id: int, current: str, target: str, *, now: datetime,
         sale_amount: int | None = None, lost_reason: str | None = None, invalid: bool = False,
         notes: Notes | None = None) -> bool:
    """Change the status only if it is still `current` (the transition was checked against it)."""
    values: dict[str, Any] = {"status": target, "updated_at": now, "last_update_at": now, "overdue_warned_at": None}
    if sale_amount is not None:
        values["sale_amount"] = sale_amount
    if lost_reason is not None:
        values["lost_reason"] = lost_reason
    if invalid:
        values["invalid"] = True
    moved = rows_changed(session, update(Referral).where(Referral.id == referral_id, Referral.status == current)
                         .values(**values))
    if moved:
        (notes or _write_note(session))(note_row(referral_id, None, "status", f"{current} -> {target}", now))
    return bool(moved)


ADD_NOTE = Sql("INSERT INTO history_notes (referral_id, agent_id, kind, text, created_at) "
              "VALUES (:referral_id, :agent_id, :kind, :text, :created_at)")


def note_row(referral_id: int | None, agent_id: int | None, kind: str, text: str, now: datetime) -> dict[str, Any]:
    return dict(referral_id=referral_id, agent_id=agent_id, kind=kind, text=text, created_at=now)


def add_note(session: Session, referral_id: int | None, agent_id: int | None, kind: str, text: str, *,
             now: datetime) -> None:
    ADD_NOTE.rowcount(session, **note_row(referral_id, agent_id, kind, text, now))


def _write_note(session: Session) -> Notes:
    def write(row: dict[str, Any]) -> None:
        ADD_NOTE.rowcount(session, **row)
    return write


# -- views -------------------------------------------------------------------------------------
def agent_view(agent: Agent) -> AgentView:
    return AgentView(id=agent.id, name=agent.name, phone=agent.phone, email=agent.email, timezone=agent.timezone,
                     client_types=tuple(agent.client_types), status=agent.status, paused_from=agent.paused_from,
                     paused_until=agent.paused_until, sms_opted_out=agent.sms_opted_out_at is not None,
                     pricing=dict(agent.pricing), suspended_reason=agent.suspended_reason,
                     language=agent.language or "en", max_per_week=agent.max_per_week)


def summary(referral: Referral) -> ReferralSummary:
    return ReferralSummary(id=referral.id, code=referral.code, mode=ReferralMode(referral.mode),
                           status=Status(referral.status),
                           zip_code=referral.zip_code, client_type=referral.client_type,
                           price_min=referral.price_min, price_max=referral.price_max, timeline=referral.timeline,
                           price_cents=referral.price_cents, winner_agent_id=referral.winner_agent_id,
                           awarded_at=referral.awarded_at, last_update_at=referral.last_update_at,
                           sender_agent_id=referral.sender_agent_id, fee_percent=referral.fee_percent,
                           selected_agent_id=referral.selected_agent_id)


def offer_view(offer: Offer, referral: Referral) -> OfferView:
    return OfferView(id=offer.id, agent_id=offer.agent_id, status=OfferStatus(offer.status), channel=offer.channel,
                     notified_at=offer.notified_at, expires_at=offer.expires_at, referral=summary(referral))


def client_check_view(session: Session, referral_id: int) -> dict[str, Any] | None:
    """Whether the client was asked if the winner reached them, and what they answered."""
    check = session.get(ClientCheck, referral_id)
    return None if check is None else {"status": check.status, "asked_at": check.asked_at,
                                       "answered_at": check.answered_at}


def referral_view(session: Session, referral: Referral) -> dict[str, Any]:
    """The operator API's JSON for a referral (the client's details are the operator's to see)."""
    offers = session.scalars(select(Offer).where(Offer.referral_id == referral.id).order_by(Offer.id))
    notes = list(session.scalars(select(HistoryNote).where(HistoryNote.referral_id == referral.id)
                                 .order_by(HistoryNote.id)))
    return {
        "id": referral.id, "code": referral.code, "status": referral.status, "mode": referral.mode,
        "zip": referral.zip_code, "client_type": referral.client_type, "price_min": referral.price_min,
        "price_max": referral.price_max, "timeline": referral.timeline, "price_cents": referral.price_cents,
        "winner_agent_id": referral.winner_agent_id, "awarded_at": referral.awarded_at,
        "sale_amount": referral.sale_amount, "lost_reason": referral.lost_reason, "invalid": referral.invalid,
        "sender_agent_id": referral.sender_agent_id, "fee_percent": referral.fee_percent,
        "radius_miles": referral.radius_miles, "selected_agent_id": referral.selected_agent_id,
        "created_at": referral.created_at, "last_update_at": referral.last_update_at,
        "first_contact_at": referral.first_contact_at,
        "client_check": client_check_view(session, referral.id),
        "dispatch": dispatch_view(referral.dispatch),
        "notes": [n.text for n in notes if n.kind in ("report", "note")],
        "offers": [{"id": o.id, "agent_id": o.agent_id, "status": o.status, "channel": o.channel,
                    "rank": o.rank, "miles": o.miles, "score": o.score,
                    "notified_at": o.notified_at, "handed_off_at": o.handed_off_at, "expires_at": o.expires_at,
                    "responded_at": o.responded_at, "answer_seconds": answer_seconds(o)} for o in offers],
        "history": [{"kind": n.kind, "text": n.text, "agent_id": n.agent_id, "at": n.created_at} for n in notes],
    }


def answer_seconds(offer: Offer) -> float | None:
    """Seconds from the offer's own hand-off to the provider (its creation when unknown) to the agent's answer."""
    if offer.responded_at is None:
        return None
    return round(max((offer.responded_at - (offer.handed_off_at or offer.notified_at)).total_seconds(), 0.0), 1)


def dispatch_view(state: dict[str, Any] | None) -> dict[str, Any] | None:
    """The operator sees the policy, the ranked agents and the escalation steps done (scores are per offer)."""
    if not state:
        return None
    return {key: state.get(key) for key in ("policy", "window_seconds", "step_seconds", "max_agents", "escalation",
                                            "ranked", "started_at", "done", "widened")}
