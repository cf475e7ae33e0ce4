"""Capacity by message: "MAX 2 A WEEK" sets the agent's weekly maximum, "MAX OFF" lifts it; and the note STATUS
leads with when matching skips the agent (bot/availability.py). Going away and coming back (PAUSE, AWAY until
..., RESUME, BACK) are bot/handlers/account.py's.
"""
from __future__ import annotations

from dataclasses import replace

from bot import daytime, intents, replies
from bot.availability import why_no_offers
from bot.outcomes import HandlerOutcome
from bot.ports import Context
from bot.router import Reply, Router

router = Router("availability")


@router.handles(intents.Capacity)
def capacity(intent: intents.Capacity, ctx: Context) -> Reply:
    ctx.agents.set_capacity(ctx.agent, intent.per_week, ctx.now)
    if intent.per_week is None:
        return Reply(replies.capacity_off(), HandlerOutcome.CAPACITY_OFF)
    return Reply(replies.capacity_set(intent.per_week), HandlerOutcome.CAPACITY_SET)


def status_note(ctx: Context) -> str | None:
    """The sentence STATUS leads with when matching skips the agent (counted only for an agent with a maximum)."""
    agent = ctx.agent
    if agent.max_per_week is not None:
        agent = replace(agent, won_this_week=ctx.agents.won_this_week(agent, ctx.now))
    reason = why_no_offers(agent, daytime.local_today(ctx.now, agent.timezone))
    return None if reason is None else replies.no_offers_because(reason, agent)
