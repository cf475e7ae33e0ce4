"""Agents: creation, updates, coverage, SMS opt-out. Plain functions over a Session."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from bot.model import AgentView
from store.dml import rows_changed
from store.models import Agent, AgentZipCode, Referral
from store.sql import DATE, DATETIME, JSON_VALUE, Sql

AGENT_FIELDS = ("name", "phone", "email", "timezone", "client_types", "status", "paused_from", "paused_until",
                "pricing", "language", "max_per_week")


class DuplicatePhone(Exception):
    """Another agent already has this phone number."""


def create_agent(session: Session, fields: dict[str, Any], *, now: datetime) -> Agent:
    _check_phone_free(session, fields["phone"], agent_id=None)
    agent = Agent(created_at=now, updated_at=now, **{k: v for k, v in fields.items() if k in AGENT_FIELDS})
    session.add(agent)
    session.flush()
    set_zip_codes(session, agent.id, fields.get("zip_codes", []))
    return agent


def update_agent(session: Session, agent_id: int, fields: dict[str, Any], *, now: datetime) -> Agent | None:
    agent = session.get(Agent, agent_id)
    if agent is None:
        return None
    if "phone" in fields:
        _check_phone_free(session, fields["phone"], agent_id=agent_id)
    for key in AGENT_FIELDS:
        if key in fields:
            setattr(agent, key, fields[key])
    if "zip_codes" in fields:
        set_zip_codes(session, agent_id, fields["zip_codes"])
    if fields.get("status") == "active":  # the operator lifts a pause or a suspension
        agent.suspended_reason = None
        agent.paused_from = fields.get("paused_from")
        agent.paused_until = fields.get("paused_until")
    agent.updated_at = now
    return agent


def _check_phone_free(session: Session, phone: str, *, agent_id: int | None) -> None:
    owner = session.scalar(select(Agent.id).where(Agent.phone == phone))
    if owner is not None and owner != agent_id:
        raise DuplicatePhone(phone)


def set_zip_codes(session: Session, agent_id: int, zip_codes: list[str]) -> None:
    session.execute(delete(AgentZipCode).where(AgentZipCode.agent_id == agent_id))
    session.add_all(AgentZipCode(agent_id=agent_id, zip_code=z) for z in dict.fromkeys(zip_codes))


def zip_codes_of(session: Session, agent_id: int) -> list[str]:
    return sorted(session.scalars(select(AgentZipCode.zip_code).where(AgentZipCode.agent_id == agent_id)))


VIEW_COLUMNS = ("id, name, phone, email, timezone, client_types, status, paused_from, paused_until, "
                "sms_opted_out_at, pricing, suspended_reason, language, max_per_week")
VIEW_TYPES: dict[str, TypeEngine[Any]] = dict(client_types=JSON_VALUE, paused_from=DATE, paused_until=DATE,
                                               sms_opted_out_at=DATETIME, pricing=JSON_VALUE)
_VIEW_BY_PHONE = Sql(f"SELECT {VIEW_COLUMNS} FROM agents WHERE phone = :phone", VIEW_TYPES)


def view_by_phone(session: Session, phone: str) -> AgentView | None:
    """The agent with this number as the bot sees it, read as one row straight from the driver."""
    row = _VIEW_BY_PHONE.first(session, phone=phone)
    return None if row is None else view_of_row(row)


def view_of_row(row: Any) -> AgentView:
    return AgentView(id=row.id, name=row.name, phone=row.phone, email=row.email, timezone=row.timezone,
                     client_types=tuple(row.client_types), status=row.status, paused_from=row.paused_from,
                     paused_until=row.paused_until, sms_opted_out=row.sms_opted_out_at is not None,
                     pricing=dict(row.pricing), suspended_reason=row.suspended_reason,
                     language=row.language or "en", max_per_week=row.max_per_week)


def by_phone(session: Session, phone: str) -> Agent | None:
    return session.scalar(select(Agent).where(Agent.phone == phone))


def list_agents(session: Session) -> list[Agent]:
    return list(session.scalars(select(Agent).order_by(Agent.id)))


def opt_out(session: Session, phone: str, *, source: str, now: datetime) -> bool:
    """Record an SMS opt-out at once; the worker checks it before every text."""
    agent = by_phone(session, phone)
    if agent is None:
        return False
    if agent.sms_opted_out_at is None:
        agent.sms_opted_out_at, agent.sms_opt_out_source, agent.updated_at = now, source, now
    return True


def opt_in(session: Session, phone: str, *, now: datetime) -> bool:
    agent = by_phone(session, phone)
    if agent is None:
        return False
    agent.sms_opted_out_at, agent.sms_opt_out_source, agent.updated_at = None, None, now
    return True


def agent_view(session: Session, agent: Agent) -> dict[str, Any]:
    """The operator API's JSON for an agent."""
    return {
        "id": agent.id, "name": agent.name, "phone": agent.phone, "email": agent.email,
        "timezone": agent.timezone, "zip_codes": zip_codes_of(session, agent.id),
        "client_types": list(agent.client_types), "status": agent.status,
        "suspended_reason": agent.suspended_reason,
        "paused_from": _iso(agent.paused_from), "paused_until": _iso(agent.paused_until),
        "sms_opted_out": agent.sms_opted_out_at is not None,
        "sms_opted_out_at": _iso(agent.sms_opted_out_at), "sms_opt_out_source": agent.sms_opt_out_source,
        "pricing": dict(agent.pricing), "language": agent.language or "en", "max_per_week": agent.max_per_week,
        "created_at": _iso(agent.created_at),
    }


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def pause(session: Session, agent_id: int, *, start: date, until: date | None, now: datetime) -> None:
    agent = session.get(Agent, agent_id)
    if agent is not None and agent.status != "suspended":
        agent.status, agent.paused_from, agent.paused_until, agent.updated_at = "paused", start, until, now


def resume(session: Session, agent_id: int, *, now: datetime) -> None:
    agent = session.get(Agent, agent_id)
    if agent is not None and agent.status == "paused":
        agent.status, agent.paused_from, agent.paused_until, agent.updated_at = "active", None, None, now


def set_capacity(session: Session, agent_id: int, per_week: int | None, *, now: datetime) -> None:
    agent = session.get(Agent, agent_id)
    if agent is not None:
        agent.max_per_week, agent.updated_at = per_week, now


WEEK = timedelta(days=7)


def won_this_week(session: Session, agent_ids: list[int], *, now: datetime) -> dict[int, int]:
    """Referrals each agent won in the 7 days before `now` (what "MAX 2 A WEEK" counts)."""
    if not agent_ids:
        return {}
    rows = session.execute(select(Referral.winner_agent_id, func.count()).where(
        Referral.winner_agent_id.in_(agent_ids), Referral.awarded_at > now - WEEK).group_by(Referral.winner_agent_id))
    return {agent: count for agent, count in rows if agent is not None}


def end_pauses(session: Session, *, today: date, now: datetime) -> int:
    """Pauses whose end date has passed end by themselves."""
    return rows_changed(session, update(Agent).where(Agent.status == "paused", Agent.paused_until.is_not(None),
                                                     Agent.paused_until < today)
                        .values(status="active", paused_from=None, paused_until=None, updated_at=now))


OVERDUE_REASON = "overdue reports"


def suspend(session: Session, agent_id: int, reason: str, *, now: datetime) -> bool:
    agent = session.get(Agent, agent_id)
    if agent is None or agent.status == "suspended":
        return False
    agent.status, agent.suspended_reason, agent.updated_at = "suspended", reason, now
    return True


def unsuspend(session: Session, agent_id: int, reason: str, *, now: datetime) -> bool:
    agent = session.get(Agent, agent_id)
    if agent is None or agent.status != "suspended" or agent.suspended_reason != reason:
        return False
    agent.status, agent.suspended_reason, agent.updated_at = "active", None, now
    return True


def restore(session: Session, agent_id: int, *, now: datetime) -> bool:
    """The operator puts a paused or suspended agent back to taking referrals, whatever the reason was."""
    agent = session.get(Agent, agent_id)
    if agent is None or agent.status == "active":
        return False
    agent.status, agent.suspended_reason, agent.paused_from, agent.paused_until = "active", None, None, None
    agent.updated_at = now
    return True


def phones_taken(session: Session, phones: list[str]) -> set[str]:
    """Which of these E.164 numbers already belong to an agent."""
    if not phones:
        return set()
    return set(session.scalars(select(Agent.phone).where(Agent.phone.in_(phones))))
