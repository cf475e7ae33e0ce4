"""The two sides of the port contract: the in-memory ports (`bot/testing/`) and the store's ports over one
transaction, behind one small interface the contract tests use.

A backend seeds plain rows (agents, referrals, offers, network links), runs a function over its ports in one
transaction (`run`), and shows what changed as a `State` of plain tuples, so a test states one expectation and
every backend must meet it.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.handlers import dispatch
from bot.messages import Channel, Inbound
from bot.model import AgentView, OfferView, ReferralSummary
from bot.parser import parse_text
from bot.ports import Context
from bot.router import Reply
from bot.testing import BASE_URL, CONFIG, SECRET, T0, World, converse, memory_ports
from bot.testing.ports import Inbound as Received
from bot.testing.world import CLIENT
from store import agents as agent_store
from store import exchange, pipeline, referrals
from store.db import Store
from store.env import BotEnv
from store.models import (
    Agent,
    HistoryNote,
    Invoice,
    LedgerEntry,
    NetworkLink,
    Offer,
    OutboxRow,
    PendingQuestion,
    Referral,
    ReviewItem,
)
from store.ports import build_ports, transaction

T = TypeVar("T")
ENV = BotEnv(config=CONFIG, secret_key=SECRET, public_base_url=BASE_URL)
PORTS = ("referrals", "agents", "outbox", "review", "links", "calls", "ledger", "billing", "exchange", "pending")


@dataclass(frozen=True)
class Ports:
    """One adapter per bot.ports protocol, as a handler's Context holds them."""

    referrals: Any
    agents: Any
    outbox: Any
    review: Any
    links: Any
    calls: Any
    ledger: Any
    billing: Any
    exchange: Any
    pending: Any


@dataclass(frozen=True)
class State:
    """What a backend holds, as plain values (notes without the store's own "created" note)."""

    agents: dict[int, tuple[str, date | None, date | None, bool, str | None]]
    referrals: dict[int, tuple[str, int | None, int | None, int | None, str | None, bool]]
    offers: dict[int, str]
    outbox: list[tuple[str, str, str, str, str]]
    ledger: list[tuple[int, int | None, str, int, str]]  # by dedupe key
    notes: list[tuple[int | None, int | None, str, str]]
    reviews: list[tuple[int | None, str, str]]
    invoices: dict[int, tuple[int, int | None, int, str, str]]
    pending: dict[int, str]
    links: dict[int, str]

    def sent(self, kind: str) -> list[tuple[str, str, str, str, str]]:
        return [row for row in self.outbox if row[3] == kind]


SET_AFTER = ("status", "winner_agent_id", "awarded_at", "invalid")  # what create_referral does not take
AGENT_DEFAULTS = dict(timezone="America/Chicago", client_types=["buyer", "seller"], zip_codes=["78704"])


class MemoryBackend:
    name = "memory"

    def __init__(self) -> None:
        self.world = World()

    async def agent(self, **fields: Any) -> AgentView:
        fields.pop("zip_codes", None)
        return self.world.add_agent(**fields)

    async def referral(self, **fields: Any) -> ReferralSummary:
        return self.world.add_referral(**fields)

    async def offer(self, referral_id: int, agent_id: int, *, now: datetime, **fields: Any) -> OfferView:
        return self.world.add_offer(referral_id, agent_id, now=now, **fields)

    async def link(self, owner_id: int, member_id: int) -> int:
        return self.world.add_link(owner_id, member_id).id

    async def run(self, now: datetime, fn: Callable[[Ports], T], *, agent: AgentView | None = None,
                  channel: Channel = Channel.SMS) -> T:
        inbound = Received(agent.id, channel, agent.phone) if agent else Received(channel=channel)
        made = memory_ports(self.world, now, inbound=inbound)
        return fn(Ports(**{port: getattr(made, port) for port in PORTS}))

    async def state(self) -> State:
        w = self.world
        return State(
            agents={a.id: (a.status, a.paused_from, a.paused_until, a.sms_opted_out_at is not None, a.suspended_reason)
                    for a in w.agents.values()},
            referrals={r.id: (r.status, r.winner_agent_id, r.selected_agent_id, r.sale_amount, r.lost_reason,
                              r.invalid) for r in w.referrals.values()},
            offers={o.id: o.status for o in w.offers.values()},
            outbox=sorted((str(q.message.channel), q.message.to, q.message.dedupe_key, q.message.kind, q.message.body)
                          for q in w.outbox),
            ledger=sorted(((e.agent_id, e.referral_id, e.kind, e.amount_cents, e.dedupe_key) for e in w.ledger),
                          key=lambda row: row[4]),
            notes=[(n.referral_id, n.agent_id, n.kind, n.text) for n in w.notes],
            reviews=[(r.agent_id, r.channel, r.reason) for r in w.reviews],
            invoices={i.id: (i.agent_id, i.referral_id, i.amount_cents, i.status, i.channel)
                      for i in w.invoices.values()},
            pending={agent: q.question for agent, q in w.pending.items()},
            links={k.id: k.status for k in w.links.values()})


class StoreBackend:
    """The store's ports (store/ports.py) over one committed transaction per `run`."""

    def __init__(self, store: Store) -> None:
        self.store, self.name = store, store.dialect

    async def agent(self, **fields: Any) -> AgentView:
        def work(session: Session) -> AgentView:
            n = session.scalar(select(Agent.id).order_by(Agent.id.desc()).limit(1)) or 0
            n += 1
            given = {"name": f"Agent {n} Smith", "phone": f"+1512555{n:04d}", "email": f"agent{n}@example.test",
                     **AGENT_DEFAULTS, **fields}
            agent = agent_store.create_agent(session, given, now=T0)
            agent.suspended_reason = fields.get("suspended_reason")
            agent.sms_opted_out_at = fields.get("sms_opted_out_at")
            session.flush()
            return referrals.agent_view(agent)
        return await self.store.run(work)

    async def referral(self, **fields: Any) -> ReferralSummary:
        def work(session: Session) -> ReferralSummary:
            given = {"client": {"name": CLIENT.name, "phone": CLIENT.phone, "email": CLIENT.email}, "zip": "78704",
                     "client_type": "buyer", "price_min": 400_000, "price_max": 500_000, "timeline": "0-3 months",
                     **{k: v for k, v in fields.items() if k not in SET_AFTER}}
            made = referrals.create_referral(session, given, now=T0)
            made.status = fields.get("status", made.status)
            made.winner_agent_id = fields.get("winner_agent_id")
            made.awarded_at = fields.get("awarded_at")
            made.invalid = fields.get("invalid", False)
            session.flush()
            return referrals.summary(made)
        return await self.store.run(work)

    async def offer(self, referral_id: int, agent_id: int, *, now: datetime, ttl_days: int = 60,
                    **fields: Any) -> OfferView:
        def work(session: Session) -> OfferView:
            referral = session.get(Referral, referral_id)
            assert referral is not None
            agent = referrals.agent_view(session.get(Agent, agent_id))  # type: ignore[arg-type]
            offer = referrals.create_offer(session, referral, agent, fields.get("channel", "sms"), now=now,
                                           ttl_days=ttl_days)
            offer.status = fields.get("status", offer.status)
            offer.miles = fields.get("miles")
            session.flush()
            return referrals.offer_view(offer, referral)
        return await self.store.run(work)

    async def link(self, owner_id: int, member_id: int) -> int:
        def work(session: Session) -> int:
            member = session.get(Agent, member_id)
            assert member is not None
            return exchange.invite(session, owner_id, member, now=T0)[0].id
        return await self.store.run(work)

    async def run(self, now: datetime, fn: Callable[[Ports], T], *, agent: AgentView | None = None,
                  channel: Channel = Channel.SMS) -> T:
        def work(session: Session) -> T:
            ports = build_ports(transaction(session, ENV, now, agent=agent, channel=channel,
                                            sender=agent.phone if agent else ""))
            return fn(Ports(**{port: getattr(ports, port) for port in PORTS}))
        return await self.store.run(work)

    async def state(self) -> State:
        return await self.store.run(read_state)


def read_state(session: Session) -> State:
    def rows(model: Any, *order: Any) -> list[Any]:
        return list(session.scalars(select(model).order_by(*(order or (model.id,)))))
    return State(
        agents={a.id: (a.status, a.paused_from, a.paused_until, a.sms_opted_out_at is not None, a.suspended_reason)
                for a in rows(Agent)},
        referrals={r.id: (r.status, r.winner_agent_id, r.selected_agent_id, r.sale_amount, r.lost_reason, r.invalid)
                   for r in rows(Referral)},
        offers={o.id: o.status for o in rows(Offer)},
        outbox=sorted((o.channel, o.recipient, o.dedupe_key, o.payload.get("kind", ""), o.payload.get("body", ""))
                      for o in rows(OutboxRow)),
        ledger=sorted(((e.agent_id, e.referral_id, e.kind, e.amount_cents, e.dedupe_key) for e in rows(LedgerEntry)),
                      key=lambda row: row[4]),
        notes=[(n.referral_id, n.agent_id, n.kind, n.text) for n in rows(HistoryNote) if n.kind != "created"],
        reviews=[(r.agent_id, r.channel, r.reason) for r in rows(ReviewItem)],
        invoices={i.id: (i.agent_id, i.referral_id, i.amount_cents, i.status, i.channel) for i in rows(Invoice)},
        pending={p.agent_id: p.question for p in rows(PendingQuestion, PendingQuestion.agent_id)},
        links={k.id: k.status for k in rows(NetworkLink)})


def say(backend: MemoryBackend | StoreBackend, agent: AgentView, text: str, now: datetime,
        channel: Channel = Channel.SMS) -> Any:
    """A message from `agent` through the parser and the handlers over the backend's ports, in one transaction:
    the Reply. (The pipeline's own steps, such as a pending question, are the pipeline's tests.)"""
    def handle(ports: Ports) -> Reply:
        current = ports.billing.agent_by_id(agent.id)
        ctx = Context(agent=current, channel=channel, now=now, config=CONFIG, text=text,
                      **{port: getattr(ports, port) for port in PORTS})
        return dispatch(parse_text(text, channel, now), ctx)
    return backend.run(now, handle, agent=agent, channel=channel)


_provider_ids = itertools.count(1)


async def converse_with(backend: MemoryBackend | StoreBackend, agent: AgentView, text: str, now: datetime,
                        channel: Channel = Channel.SMS) -> tuple[str | None, str]:
    """A message from `agent` through the whole pipeline: `bot.testing.converse` in memory, the store's inbound
    pipeline (record, dedupe, pending question, dispatch, Spanish) on a database. (reply text, outcome)."""
    if isinstance(backend, MemoryBackend):
        reply = converse(backend.world, agent.id, text, now=now, channel=channel)
        return reply.text, str(reply.outcome)
    message = Inbound(channel, agent.phone, text, f"contract-{next(_provider_ids)}", now)

    def handle(session: Session) -> tuple[str | None, str]:
        sender = pipeline.agent_by_id(session, agent.id)
        handled = pipeline.handle(session, ENV, pipeline.Arrival(message, agent=sender))
        return handled.reply, str(handled.outcome)
    return await backend.store.run(handle)
