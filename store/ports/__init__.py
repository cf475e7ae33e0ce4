"""The store's implementation of the bot's ports: one small adapter per `bot.ports` protocol, all over one
transaction (`Tx`), built together by `build_ports` / `build_context` (the one way a handler's Context is made
from the store).

It is also the one place that knows which text group a transaction runs in (store/textgroup/): the SMS
webhook's texts run grouped (`text_runner`), everything else direct. Reads the group may answer go through it,
appends go to it, and every other write first tells it (`shared_write`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.ports import Context
from store.ports.agents import AgentsAdapter, PendingAdapter
from store.ports.exchange import ExchangeAdapter
from store.ports.messages import CallsAdapter, LinksAdapter, OutboxAdapter, ReviewAdapter
from store.ports.money import BillingAdapter, LedgerAdapter
from store.ports.referrals import ReferralsAdapter
from store.ports.tx import Tx, transaction
from store.textgroup import TextGroup, TextRunner, runner

if TYPE_CHECKING:
    from store.db import Store

__all__ = ["Ports", "TextGroup", "TextRunner", "Tx", "build_context", "build_ports", "text_runner", "transaction"]


@dataclass(frozen=True, slots=True)
class Ports:
    """One adapter per bot.ports protocol, as a handler's Context holds them."""

    referrals: ReferralsAdapter
    agents: AgentsAdapter
    outbox: OutboxAdapter
    review: ReviewAdapter
    links: LinksAdapter
    calls: CallsAdapter
    ledger: LedgerAdapter
    billing: BillingAdapter
    exchange: ExchangeAdapter
    pending: PendingAdapter


def build_ports(tx: Tx) -> Ports:
    return Ports(referrals=ReferralsAdapter(tx), agents=AgentsAdapter(tx), outbox=OutboxAdapter(tx),
                 review=ReviewAdapter(tx), links=LinksAdapter(tx), calls=CallsAdapter(tx), ledger=LedgerAdapter(tx),
                 billing=BillingAdapter(tx), exchange=ExchangeAdapter(tx), pending=PendingAdapter(tx))


def build_context(tx: Tx) -> Context:
    """A handler's Context for the agent `tx` is about: every port over `tx`'s transaction."""
    if tx.agent is None:
        raise ValueError("a handler's context needs the agent it acts for")
    ports = build_ports(tx)
    return Context(agent=tx.agent, channel=tx.channel, now=tx.now, config=tx.env.config, referrals=ports.referrals,
                   agents=ports.agents, outbox=ports.outbox, review=ports.review, links=ports.links,
                   calls=ports.calls, ledger=ports.ledger, billing=ports.billing, exchange=ports.exchange,
                   text=tx.body, pending=ports.pending)


def text_runner(store: Store) -> TextRunner:
    """How the SMS webhook runs its texts: grouped (store/textgroup/grouped.py)."""
    return runner(store, grouped=True)
