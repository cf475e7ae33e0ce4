"""Reminders and enforcement, run by the scheduler.

Every 14 days after the award (or the last report), each agent with referrals awaiting an update gets ONE
digest listing them all (an email and a short text), held until 8:00-21:00 in the agent's timezone. A
report overdue beyond a setting earns a warning; still overdue after a grace period, the agent stops
receiving offers (suspended) until they report. Pauses end by themselves on their date.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot import replies
from bot.lifecycle import LABELS, Status
from bot.messages import Channel, Outgoing
from store import agents as agent_store
from store import sending
from store.env import BotEnv
from store.models import Agent, Referral
from store.referrals import awaiting_since


def by_agent(rows: list[Referral]) -> dict[int, list[Referral]]:
    grouped: dict[int, list[Referral]] = defaultdict(list)
    for referral in rows:
        grouped[referral.winner_agent_id].append(referral)  # type: ignore[index]
    return grouped


def send_later(session: Session, env: BotEnv, agent: Agent, out: Outgoing, now: datetime) -> None:
    """Queue a non-urgent message: `send` holds it for the agent's next daytime (in the log until then)."""
    assert not out.urgent and out.agent_id == agent.id
    sending.send(session, env, out, now=now)


def send_digests(session: Session, env: BotEnv, *, now: datetime) -> int:
    """One digest per agent with referrals due for a reminder; returns how many agents were reminded."""
    cutoff = now - timedelta(days=env.config.reminder_days)
    due = [r for r in session.scalars(awaiting_since(cutoff))
           if r.last_reminded_at is None or r.last_reminded_at <= cutoff]
    for agent_id, rows in by_agent(due).items():
        agent = session.get(Agent, agent_id)
        if agent is None:
            continue
        send_later(session, env, agent, digest_email(agent, rows, now, env), now)
        if agent.sms_opted_out_at is None:
            text = replies.digest_text([r.code for r in rows])
            send_later(session, env, agent, Outgoing(Channel.SMS, agent.phone, text,
                                                     f"digest-sms:{agent.id}:{now.date()}", agent_id=agent.id,
                                                     kind="digest", urgent=False), now)
        for referral in rows:
            referral.last_reminded_at = now
    return len(by_agent(due))


def digest_email(agent: Agent, rows: list[Referral], now: datetime, env: BotEnv) -> Outgoing:
    lines = [f"Hi {agent.name.split()[0]},", "", "Please update us on these referrals:", ""]
    for r in rows:
        awarded = r.awarded_at.strftime("%b %d") if r.awarded_at else "?"
        lines.append(f"  #{r.code}  {r.client_type} in {r.zip_code}, since {awarded}: {LABELS[Status(r.status)]}")
    lines += ["", "Reply to this email with one line per referral, e.g.:", f"  SOLD {rows[0].code} $450,000",
              f"  IN PROGRESS {rows[0].code} showing homes this weekend", f"  NO SALE {rows[0].code}",
              "  INVALID <code> wrong number", "", env.config.program_name]
    subject = f"Update needed: {len(rows)} referral{'s' if len(rows) > 1 else ''}"
    return Outgoing(Channel.EMAIL, agent.email, "\n".join(lines) + "\n", f"digest:{agent.id}:{now.date()}",
                    agent_id=agent.id, subject=subject, kind="digest", urgent=False)


def enforce_overdue(session: Session, env: BotEnv, *, now: datetime) -> dict[str, int]:
    """Warn agents whose reports are overdue; suspend those still overdue after the grace period."""
    config = env.config
    overdue = list(session.scalars(awaiting_since(now - timedelta(days=config.report_overdue_days))))
    counts = {"warned": 0, "suspended": 0}
    for agent_id, rows in by_agent(overdue).items():
        agent = session.get(Agent, agent_id)
        if agent is None:
            continue
        codes = [r.code for r in rows]
        unwarned = [r for r in rows if r.overdue_warned_at is None]
        if unwarned:
            warn(session, env, agent, codes, now)
            for r in unwarned:
                r.overdue_warned_at = now
            counts["warned"] += 1
        elif (warned_before(rows, now - timedelta(days=config.suspend_grace_days))
              and agent_store.suspend(session, agent.id, agent_store.OVERDUE_REASON, now=now)):  # False if already
            key = f"suspended:{agent.id}:{now.date()}"
            notify(session, env, agent, replies.suspended_for_reports(codes), key, now)
            counts["suspended"] += 1
    return counts


def warned_before(rows: list[Referral], cutoff: datetime) -> bool:
    """Every one of the agent's overdue referrals was warned about by `cutoff`."""
    return all(r.overdue_warned_at is not None and r.overdue_warned_at <= cutoff for r in rows)


def warn(session: Session, env: BotEnv, agent: Agent, codes: list[str], now: datetime) -> None:
    text = replies.overdue_warning(codes, env.config.suspend_grace_days)
    notify(session, env, agent, text, f"overdue:{agent.id}:{now.date()}", now)


def notify(session: Session, env: BotEnv, agent: Agent, text: str, key: str, now: datetime) -> None:
    send_later(session, env, agent, Outgoing(Channel.EMAIL, agent.email, text + "\n", f"{key}:email",
                                             agent_id=agent.id, subject="Referral updates overdue",
                                             kind="enforcement", urgent=False), now)
    if agent.sms_opted_out_at is None:
        send_later(session, env, agent, Outgoing(Channel.SMS, agent.phone, text, f"{key}:sms", agent_id=agent.id,
                                                 kind="enforcement", urgent=False), now)


def end_pauses(session: Session, *, now: datetime) -> int:
    return agent_store.end_pauses(session, today=now.date(), now=now)
