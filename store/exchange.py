"""Agent-to-agent referrals in the store: who receives them (private, network, open), interest, the
ranked list, the sender's award and the fee agreement, and network-group invitations.

Exclusivity is enforced by conditional UPDATEs: a referral moves `accepted -> pending` for one selection
and `pending -> awarded` only for the selected agent, so two awards or two agreements at once cannot
produce two winners.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import false, func, or_, select, update
from sqlalchemy.orm import Session

from bot.lifecycle import Status
from bot.model import AgentView, Candidate
from store import geo
from store.agents import zip_codes_of
from store.dml import rows_changed
from store.models import Agent, Agreement, NetworkLink, Offer, Referral
from store.referrals import agent_view, create_offer, matching_agents
from store.sql import Sql

INTERESTED = "interested"


# -- receivers ---------------------------------------------------------------------------------
def receivers(session: Session, referral: Referral, *, now: datetime, agent_ids: list[int] | None = None
              ) -> list[tuple[AgentView, float | None]]:
    """The agents a referral goes to, nearest first, each with their distance in miles."""
    if referral.mode == "private":
        agents = [agent_view(a) for a in session.scalars(select(Agent).where(
            Agent.id.in_(agent_ids or []), Agent.status != "suspended"))]
    elif referral.mode == "network":
        agents = network_members(session, referral.sender_agent_id)
    else:
        agents = matching_agents(session, referral, now=now)
    placed = [(a, geo.nearest_miles(referral.zip_code, zip_codes_of(session, a.id))) for a in agents
              if a.id != referral.sender_agent_id]
    if referral.mode == "network" and referral.radius_miles:
        placed = [(a, m) for a, m in placed if m is not None and m <= referral.radius_miles]
    return sorted(placed, key=lambda pair: (pair[1] is None, pair[1] or 0.0, pair[0].id))


def network_members(session: Session, owner_id: int | None) -> list[AgentView]:
    members = select(NetworkLink.member_agent_id).where(NetworkLink.owner_agent_id == owner_id,
                                                       NetworkLink.status == "accepted")
    return [agent_view(a) for a in session.scalars(select(Agent).where(Agent.id.in_(members),
                                                                        Agent.status == "active"))]


def add_offers(session: Session, referral: Referral, placed: list[tuple[AgentView, float | None]], *,
               now: datetime, ttl_days: int) -> list[tuple[AgentView, Offer]]:
    """Offers for agents who don't have one for this referral yet (adding receivers later is allowed)."""
    have = set(session.scalars(select(Offer.agent_id).where(Offer.referral_id == referral.id)))
    made = []
    for agent, miles in placed:
        if agent.id in have:
            continue
        channel = "email" if agent.sms_opted_out else "sms"
        offer = create_offer(session, referral, agent, channel, now=now, ttl_days=ttl_days)
        offer.miles = miles
        made.append((agent, offer))
    return made


# -- interest and the ranked list --------------------------------------------------------------
def express_interest(session: Session, offer_id: int, referral_id: int, *, now: datetime) -> bool:
    """The receiver says yes; the referral becomes Accepted with its first interested agent."""
    first = rows_changed(session, update(Offer).where(Offer.id == offer_id, Offer.status == "open")
                         .values(status=INTERESTED, responded_at=now))
    session.execute(update(Referral).where(Referral.id == referral_id, Referral.status == Status.NEW)
                    .values(status=Status.ACCEPTED, updated_at=now))
    return bool(first)


def ranked_candidates(session: Session, referral_id: int, *, now: datetime | None = None,
                      due_days: int = 14) -> list[Candidate]:
    """Interested agents, nearest first, then the most reliable and fastest reporters; ranks are stored
    so that `AWARD 2` means the second agent of the list the sender was sent."""
    offers = list(session.scalars(select(Offer).where(Offer.referral_id == referral_id,
                                                      Offer.status == INTERESTED)))
    scored = []
    for offer in offers:
        reliability, days = report_record(session, offer.agent_id, now=now, due_days=due_days)
        bucket = round((offer.miles if offer.miles is not None else 999) / 5)
        scored.append(((bucket, -(reliability or 0.0), days if days is not None else 99.0, offer.id), offer,
                       reliability, days))
    scored.sort(key=lambda row: row[0])
    candidates = []
    for rank, (_, offer, reliability, days) in enumerate(scored, start=1):
        offer.rank = rank
        agent = session.get_one(Agent, offer.agent_id)
        candidates.append(Candidate(rank, agent_view(agent), offer.miles, reliability, days))
    return candidates


def report_record(session: Session, agent_id: int, *, now: datetime | None = None,
                  due_days: int = 14) -> tuple[float | None, float | None]:
    """(share of awarded referrals reported on, average days to the first report); (None, None) for an agent
    with no record yet. Invalid referrals don't count against an agent, nor do referrals whose first report
    is not due yet (awarded less than `due_days` ago and not reported)."""
    rows = [(a, u) for a, u in session.execute(select(Referral.awarded_at, Referral.last_update_at).where(
        Referral.winner_agent_id == agent_id, Referral.invalid.is_(False), Referral.awarded_at.is_not(None)))
        if a is not None]  # none is, by the query: this tells the type checker
    reported = [(u - a).total_seconds() / 86400 for a, u in rows if u and u > a]
    due = [a for a, u in rows if not (u and u > a) and (now is None or a <= now - timedelta(days=due_days))]
    if not reported and not due:
        return None, None
    return len(reported) / (len(reported) + len(due)), (sum(reported) / len(reported) if reported else None)


# -- award and agreement -----------------------------------------------------------------------
def select_candidate(session: Session, referral_id: int, rank: int, *, now: datetime) -> Offer | None:
    """The sender's pick: Accepted -> Pending for exactly one selection."""
    offer = session.scalar(select(Offer).where(Offer.referral_id == referral_id, Offer.rank == rank,
                                               Offer.status == INTERESTED))
    if offer is None:
        return None
    picked = rows_changed(session, update(Referral)
                          .where(Referral.id == referral_id, Referral.status == Status.ACCEPTED)
                          .values(status=Status.PENDING, selected_agent_id=offer.agent_id, updated_at=now))
    if not picked:
        return None
    offer.status, offer.responded_at = "selected", now
    return offer


def agree(session: Session, referral_id: int, agent_id: int, *, now: datetime, channel: str,
          signed_name: str | None = None, signed_ip: str | None = None) -> bool:
    """The selected receiver agrees the fee: Pending -> Awarded with them as the winner, exactly once."""
    won = rows_changed(session, update(Referral).where(
        Referral.id == referral_id, Referral.status == Status.PENDING, Referral.selected_agent_id == agent_id,
        Referral.winner_agent_id.is_(None)).values(status=Status.AWARDED, winner_agent_id=agent_id, awarded_at=now,
                                                   last_update_at=now, updated_at=now))
    if not won:
        return False
    fee = session.scalar(select(Referral.fee_percent).where(Referral.id == referral_id)) or 0.0
    session.add(Agreement(referral_id=referral_id, agent_id=agent_id, fee_percent=fee, channel=channel,
                          signed_name=signed_name, signed_ip=signed_ip, agreed_at=now))
    session.execute(update(Offer).where(Offer.referral_id == referral_id, Offer.agent_id == agent_id)
                    .values(status="won"))
    return True


def sender_referrals(session: Session, sender_id: int, statuses: tuple[str, ...]) -> list[Referral]:
    return list(session.scalars(select(Referral).where(Referral.sender_agent_id == sender_id,
                                                       Referral.status.in_(statuses)).order_by(Referral.id)))


def selected_for(session: Session, agent_id: int) -> list[Referral]:
    return list(session.scalars(select(Referral).where(Referral.selected_agent_id == agent_id,
                                                       Referral.status == Status.PENDING).order_by(Referral.id)))


# -- network groups ----------------------------------------------------------------------------
class NotAnActiveAgent(ValueError):
    """An invitation must match an active agent (by phone or email)."""


def find_active_agent(session: Session, *, phone: str | None, email: str | None) -> Agent:
    found = session.scalar(select(Agent).where(Agent.status == "active", or_(
        Agent.phone == phone if phone else false(),
        func.lower(Agent.email) == (email or "").lower() if email else false())))
    if found is None:
        raise NotAnActiveAgent("no active agent has that phone or email")
    return found


def invite(session: Session, owner_id: int, member: Agent, *, now: datetime) -> tuple[NetworkLink, bool]:
    """A pending invitation (or the existing link); True when it is new."""
    if member.id == owner_id:
        raise NotAnActiveAgent("an agent cannot invite themselves")
    link = session.scalar(select(NetworkLink).where(NetworkLink.owner_agent_id == owner_id,
                                                    NetworkLink.member_agent_id == member.id))
    if link is not None:
        return link, False
    link = NetworkLink(owner_agent_id=owner_id, member_agent_id=member.id, status="pending", created_at=now)
    session.add(link)
    session.flush()
    return link, True


def accept(session: Session, link_id: int, *, now: datetime) -> bool:
    return bool(rows_changed(session, update(NetworkLink)
                             .where(NetworkLink.id == link_id, NetworkLink.status == "pending")
                             .values(status="accepted", accepted_at=now)))


_PENDING_INVITATION = Sql("SELECT id, owner_agent_id FROM network_links WHERE member_agent_id = :member "
                          "AND status = 'pending' ORDER BY id LIMIT 1")


def pending_invitation(session: Session, member_id: int) -> Any:
    """The oldest pending invitation to `member_id` as a row (id, owner_agent_id), or None: read on every
    YES that has nothing open to claim, so it runs straight on the driver (store/sql.py)."""
    return _PENDING_INVITATION.first(session, member=member_id)


def network_view(session: Session, owner_id: int) -> list[dict[str, Any]]:
    links = session.scalars(select(NetworkLink).where(NetworkLink.owner_agent_id == owner_id).order_by(NetworkLink.id))
    return [{"id": link.id, "agent_id": link.member_agent_id, "status": link.status, "invited_at": link.created_at,
             "accepted_at": link.accepted_at} for link in links]


INVITE_DAYS = 30


def invite_expiry(link: NetworkLink) -> datetime:
    return link.created_at + timedelta(days=INVITE_DAYS)
