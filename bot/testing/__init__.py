"""A shipped in-memory implementation of every `bot.ports` protocol, for tests without I/O (as procrastinate
ships its in-memory connector).

    world = World()
    agent = world.add_agent()
    referral = world.add_referral()
    world.add_offer(referral.id, agent.id, now=T0)
    reply = converse(world, agent.id, "YES", now=T0)      # parse, settle, dispatch, as the store's pipeline
    assert world.referral(referral.id).winner_agent_id == agent.id

`context_for(world, agent, now)` builds the handler `Context` the way the store does (one adapter per port
over one `World`); `converse` runs a message through the parser and the handlers as the store's pipeline
does for a known agent. Standard library only: this package lives in `bot/`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot import daytime, spanish
from bot.clock import FrozenClock
from bot.handlers import confirming, dispatch
from bot.intents import Intent, Pause, intent_from_json
from bot.messages import Channel
from bot.model import AgentView, BotConfig
from bot.parser import parse_text
from bot.ports import Context
from bot.router import Reply
from bot.testing.deals import MemoryBilling, MemoryExchange
from bot.testing.ports import (
    Inbound,
    MemoryAgents,
    MemoryCalls,
    MemoryLedger,
    MemoryLinks,
    MemoryOutbox,
    MemoryPending,
    MemoryReferrals,
    MemoryReview,
)
from bot.testing.world import World

T0 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # a Monday, 9:00 in Chicago (the suite's usual start)
CONFIG = BotConfig(program_name="Referral Network", support_contact="support@referral-bot.test")
BASE_URL = "http://127.0.0.1:8080"
SECRET = "test-secret"


def fixed_clock(at: datetime = T0) -> FrozenClock:
    """A clock that stands still at `at` until moved."""
    return FrozenClock(at)


@dataclass(frozen=True, slots=True)
class MemoryPorts:
    """One adapter per protocol over the same world, as the store builds one per protocol over one session."""

    referrals: MemoryReferrals
    agents: MemoryAgents
    outbox: MemoryOutbox
    review: MemoryReview
    links: MemoryLinks
    calls: MemoryCalls
    ledger: MemoryLedger
    billing: MemoryBilling
    exchange: MemoryExchange
    pending: MemoryPending


def memory_ports(world: World, now: datetime, *, inbound: Inbound | None = None, config: BotConfig = CONFIG,
                 base_url: str = BASE_URL, secret: str = SECRET) -> MemoryPorts:
    links = MemoryLinks(base_url, secret)
    inbound = inbound or Inbound()
    return MemoryPorts(referrals=MemoryReferrals(world), agents=MemoryAgents(world, config),
                       outbox=MemoryOutbox(world, now), review=MemoryReview(world, inbound, now), links=links,
                       calls=MemoryCalls(world), ledger=MemoryLedger(world), billing=MemoryBilling(world, links),
                       exchange=MemoryExchange(world, links, config, now, inbound.channel),
                       pending=MemoryPending(world))


def context_for(world: World, agent: AgentView | int, now: datetime, *, channel: Channel = Channel.SMS,
                text: str = "", config: BotConfig = CONFIG) -> Context:
    """The handler context for a message from `agent` (as the world holds them now) at `now`."""
    view = world.agent(agent if isinstance(agent, int) else agent.id)
    ports = memory_ports(world, now, inbound=Inbound(view.id, channel, view.phone, text), config=config)
    return Context(agent=view, channel=channel, now=now, config=config, referrals=ports.referrals,
                   agents=ports.agents, outbox=ports.outbox, review=ports.review, links=ports.links,
                   calls=ports.calls, ledger=ports.ledger, billing=ports.billing, exchange=ports.exchange,
                   text=text, pending=ports.pending)


def converse(world: World, agent: AgentView | int, text: str, *, now: datetime, channel: Channel = Channel.SMS,
             config: BotConfig = CONFIG) -> Reply:
    """One message from a known agent, as the store's pipeline handles it: parse (a pause's dates in the
    agent's own day), settle a pending confirm-then-act question, dispatch, answer in the agent's language."""
    ctx = context_for(world, agent, now, channel=channel, text=text, config=config)
    intent = parse_text(text, channel, now)
    if isinstance(intent, Pause):
        local = parse_text(text, channel, daytime.local_now(now, ctx.agent.timezone))
        intent = local if isinstance(local, Pause) else intent
    intent = confirming.settle(intent, take_pending(world, ctx.agent.id, now))
    reply = dispatch(intent, ctx)
    return Reply(spanish.translate(reply.text, ctx.agent.language), reply.outcome)


def take_pending(world: World, agent_id: int, now: datetime) -> Intent | None:
    """The pending intent if still current; the question is cleared either way (store/pending.py's take)."""
    question = world.pending.pop(agent_id, None)
    if question is None or confirming.expired(question.expires_at, now) or not isinstance(question.intent, dict):
        return None
    return intent_from_json(question.intent)


__all__ = ["BASE_URL", "CONFIG", "SECRET", "T0", "Inbound", "MemoryPorts", "World", "context_for", "converse",
           "fixed_clock", "memory_ports", "take_pending"]
