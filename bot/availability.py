"""Why an agent gets no new offers: away (PAUSE / AWAY until ...), on hold (suspended), or at the weekly maximum
("MAX 2 A WEEK"). Matching (bot/matching.py) skips such an agent; STATUS (bot/handlers/availability.py) tells
them which, first.
"""
from __future__ import annotations

from datetime import date
from enum import StrEnum

from bot.matching import at_capacity, is_paused
from bot.model import AgentView


class Unavailable(StrEnum):
    ON_HOLD = "on_hold"  # suspended by the network (overdue reports, a declined card)
    AWAY = "away"  # paused, with or without an end date
    AT_CAPACITY = "at_capacity"  # won their weekly maximum in the last 7 days


def why_no_offers(agent: AgentView, today: date) -> Unavailable | None:
    """Why matching skips this agent today, or None when it does not."""
    if agent.status == "suspended":
        return Unavailable.ON_HOLD
    if is_paused(agent, today):
        return Unavailable.AWAY
    if at_capacity(agent):
        return Unavailable.AT_CAPACITY
    return None
