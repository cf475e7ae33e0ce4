"""What the operator sees of agents: a searchable, paged list and each agent's record.

A record's figures come from the offers and referrals tables at read time (nothing is kept up to date on the
side): offers, claims, claim rate, median seconds from an offer to its claim, report-back rate (won referrals the
agent has reported on at least once), overdue reports, live-connect speed to lead, and the balance owed."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from bot.lifecycle import AWAITING_UPDATE
from store import ledger
from store.agents import zip_codes_of
from store.board import decode_cursor, encode_cursor
from store.models import Agent, AgentZipCode, Offer, Referral

AGENT_FILTERS = ("active", "paused", "suspended", "opted_out")
EXCHANGE_ONLY = ("interested", "selected", "not_selected")  # agent-to-agent answers, not offers to claim


@dataclass(frozen=True, slots=True)
class AgentQuery:
    q: str = ""
    status: str = ""  # one of AGENT_FILTERS, or "" for all
    zip_code: str = ""
    limit: int = 50
    cursor: str = ""


def page(session: Session, query: AgentQuery) -> dict[str, Any]:
    """Agents by name (then id), `limit` at a time; `next_cursor` continues after the last one shown."""
    stmt = _filtered(query).order_by(Agent.id.desc()).limit(query.limit + 1)
    if query.cursor:
        stmt = stmt.where(Agent.id < decode_cursor(query.cursor))
    found = list(session.scalars(stmt))
    more = len(found) > query.limit
    shown = found[:query.limit]
    counts = offer_counts(session, [a.id for a in shown])
    return {"items": [list_item(session, agent, counts.get(agent.id, (0, 0))) for agent in shown],
            "next_cursor": encode_cursor(shown[-1].id) if more and shown else None}


def _filtered(query: AgentQuery) -> Select[Any]:
    stmt = select(Agent)
    if query.status == "opted_out":
        stmt = stmt.where(Agent.sms_opted_out_at.is_not(None))
    elif query.status:
        stmt = stmt.where(Agent.status == query.status)
    if query.zip_code:
        stmt = stmt.where(exists().where(AgentZipCode.agent_id == Agent.id, AgentZipCode.zip_code == query.zip_code))
    if query.q.strip():
        stmt = stmt.where(_search(query.q.strip()))
    return stmt


def _search(term: str) -> Any:
    pattern = "%" + term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    digits = "".join(ch for ch in term if ch.isdigit())
    matches: list[Any] = [func.lower(Agent.name).like(pattern, escape="\\"),
                          func.lower(Agent.email).like(pattern, escape="\\")]
    if len(digits) >= 4:
        matches.append(Agent.phone.like(f"%{digits}%"))
    if term.isdigit() and len(term) == 5:
        matches.append(exists().where(AgentZipCode.agent_id == Agent.id, AgentZipCode.zip_code == term))
    return or_(*matches)


def offer_counts(session: Session, agent_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(offers, claims) per agent, agent-to-agent answers left out."""
    if not agent_ids:
        return {}
    rows = session.execute(
        select(Offer.agent_id, func.count(), func.count().filter(Offer.status == "won"))
        .where(Offer.agent_id.in_(agent_ids), Offer.status.not_in(EXCHANGE_ONLY))
        .group_by(Offer.agent_id))
    return {agent_id: (offers, claims) for agent_id, offers, claims in rows}


def list_item(session: Session, agent: Agent, counts: tuple[int, int]) -> dict[str, Any]:
    offers, claims = counts
    return {"id": agent.id, "name": agent.name, "phone": agent.phone, "email": agent.email,
            "status": agent.status, "opted_out": agent.sms_opted_out_at is not None,
            "zip_codes": zip_codes_of(session, agent.id), "offers": offers, "claims": claims,
            "claim_rate": rate(claims, offers)}


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def record(session: Session, agent_id: int, *, now: datetime, report_overdue_days: int = 30) -> dict[str, Any] | None:
    """One agent's record for the console and GET /api/agents/{id}/record."""
    agent = session.get(Agent, agent_id)
    if agent is None:
        return None
    offers, claims = offer_counts(session, [agent_id]).get(agent_id, (0, 0))
    won = list(session.scalars(select(Referral).where(Referral.winner_agent_id == agent_id)))
    reported = [r for r in won if r.last_update_at and (r.awarded_at is None or r.last_update_at > r.awarded_at)]
    return {
        "id": agent.id, "name": agent.name, "phone": agent.phone, "email": agent.email,
        "timezone": agent.timezone, "language": agent.language or "en", "zip_codes": zip_codes_of(session, agent.id),
        "client_types": list(agent.client_types), "pricing": dict(agent.pricing),
        "status": agent.status, "status_why": status_why(agent),
        "opted_out": agent.sms_opted_out_at is not None, "opted_out_at": agent.sms_opted_out_at,
        "offers": offers, "claims": claims, "claim_rate": rate(claims, offers),
        "median_seconds_to_claim": median_seconds_to_claim(session, agent_id),
        "report_back_rate": rate(len(reported), len(won)),
        "overdue_reports": overdue(won, now, report_overdue_days),
        "median_seconds_to_first_contact": median_seconds(
            [(r.awarded_at, r.first_contact_at) for r in won if r.awarded_at and r.first_contact_at]),
        "balance_cents": ledger.balance(session, agent_id),
        "recent_offers": recent_offers(session, agent_id),
    }


def status_why(agent: Agent) -> str:
    if agent.status == "suspended":
        return f"suspended: {agent.suspended_reason or 'no reason given'}"
    if agent.status == "paused":
        return f"paused until {agent.paused_until.isoformat()}" if agent.paused_until else "paused until they say BACK"
    return "taking referrals"


def median_seconds_to_claim(session: Session, agent_id: int) -> int | None:
    rows = session.execute(select(Offer.notified_at, Offer.responded_at).where(
        Offer.agent_id == agent_id, Offer.status == "won", Offer.responded_at.is_not(None))).all()
    return median_seconds([(offered, answered) for offered, answered in rows if answered is not None])


def median_seconds(pairs: list[tuple[datetime, datetime]]) -> int | None:
    spans = [(end - start).total_seconds() for start, end in pairs if end >= start]
    return int(statistics.median(spans)) if spans else None


def overdue(won: list[Referral], now: datetime, report_overdue_days: int) -> int:
    """Won referrals still waiting on the agent whose last word (or award) is older than the reporting window."""
    waiting = {str(s) for s in AWAITING_UPDATE}
    limit = now - timedelta(days=report_overdue_days)
    return sum(1 for r in won if r.status in waiting and (r.last_update_at or r.awarded_at or now) < limit)


def recent_offers(session: Session, agent_id: int, limit: int = 20) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Offer.status, Offer.notified_at, Offer.responded_at, Referral.id, Referral.code, Referral.status)
        .join(Referral, Referral.id == Offer.referral_id)
        .where(and_(Offer.agent_id == agent_id, Offer.status.not_in(EXCHANGE_ONLY)))
        .order_by(Offer.id.desc()).limit(limit)).all()
    return [{"offer_status": status, "offered_at": offered, "answered_at": answered, "referral_id": rid,
             "code": code, "referral_status": rstatus}
            for status, offered, answered, rid, code, rstatus in rows]
