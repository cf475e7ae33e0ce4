"""Who a referral is offered to, on which channel, in which order."""
from __future__ import annotations

from datetime import date

from bot.messages import Channel
from bot.model import AgentView, ReferralSummary


def is_paused(agent: AgentView, today: date) -> bool:
    """Inside a pause window (an open-ended pause lasts until RESUME)."""
    if agent.status != "paused" and agent.paused_from is None:
        return False
    started = agent.paused_from is None or agent.paused_from <= today
    not_ended = agent.paused_until is None or today <= agent.paused_until
    if agent.status != "paused":  # a scheduled window on an active agent
        return agent.paused_from is not None and started and not_ended
    return started and not_ended


def at_capacity(agent: AgentView) -> bool:
    """Has won as many referrals in the last 7 days as they asked for ("MAX 2 A WEEK")."""
    return agent.max_per_week is not None and agent.won_this_week >= agent.max_per_week


def eligible(agent: AgentView, summary: ReferralSummary, today: date) -> bool:
    """Covers the client type (the zip is matched by the store), active, not paused, not suspended, not at
    capacity."""
    return (summary.client_type in agent.client_types and agent.status in ("active", "paused")
            and not is_paused(agent, today) and not at_capacity(agent))


def offer_channel(agent: AgentView) -> Channel:
    """Texts first; agents who opted out of SMS are offered by email instead."""
    return Channel.EMAIL if agent.sms_opted_out else Channel.SMS


def match(candidates: list[AgentView], summary: ReferralSummary, today: date) -> list[AgentView]:
    """The agents to offer `summary` to, in the order they are notified."""
    return sorted((a for a in candidates if eligible(a, summary, today)), key=lambda a: a.id)
