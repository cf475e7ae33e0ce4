"""The handlers, one feature per module, each with its own `Router`; `build_router` includes them all here.

A handler decides what changes (through the ports) and what to answer; no I/O. Handlers never look at the
channel to choose an action: SMS, email, voice and the web page reach the same intent and the same handler.
The answer goes back on the channel the agent used; the inbound adapter delivers it (TwiML, an email reply,
a spoken sentence, a page). A new feature is a module with a `router` and one more line in `build_router`.
"""
from __future__ import annotations

from bot import events, intents
from bot.handlers import account, availability, billing, calls, contact, exchange, fallback, offers, reporting
from bot.ports import Context
from bot.router import Reply, Router


def build_router() -> Router:
    """Every feature's handlers on one router; an intent handled twice raises `DuplicateHandler`."""
    return (Router("bot")
            .include(offers.router)
            .include(calls.router)
            .include(contact.router)
            .include(billing.router)
            .include(exchange.router)
            .include(reporting.router)
            .include(account.router)
            .include(availability.router)
            .include(fallback.router))


ROUTER = build_router()


def dispatch(intent: intents.Intent | events.Event, ctx: Context) -> Reply:
    """The handler for `intent`'s (or a routed event's) type; an intent no feature handles goes to a person
    (`not_built_yet`)."""
    return ROUTER.dispatch(intent, ctx, fallback=fallback.not_built_yet)
