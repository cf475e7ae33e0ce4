"""The one inbound pipeline: every event that reaches the bot, whatever its door (a text, an email, a keypress, a
page's button, an API action, a Stripe payment, a signed agreement), runs here, in the caller's one transaction:

    record -> dedupe -> identify -> dispatch -> log

* record and dedupe: the message's receipt (`channel:provider_id`, a repeat stops here) and its log row; a text
  of a grouped burst was recorded with its whole group (store/textgroup/). An event that is no message (a
  payment, a signature: `recorded=False`) was verified and recorded by its door, and is not logged again;
* identify: the agent the door already knows (a signed link, an email's reply address, a call, the invoice),
  else the sender's phone; someone we do not know may be a client answering our question;
* dispatch: the intent the door gives (a button, a keypress, a routed `bot.events` event), else the body parsed;
  a pending question settled; the handler over the ports (store/ports/, `build_context`: nowhere else);
* log: a reply answered inline (TwiML, a page, a spoken sentence) logged like any outbound message; a text's
  reply kept with its receipt, so a retried webhook gets it again without acting twice.

Nothing else builds a handler's context or dispatches to the handlers (tests/test_one_pipeline.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from sqlalchemy.orm import Session

from bot import daytime, events, handlers, replies, spanish
from bot.handlers import confirming
from bot.intents import Intent, Pause
from bot.messages import Channel, Inbound
from bot.model import AgentView
from bot.outcomes import HandlerOutcome
from bot.parser import parse_text
from store import agents as agent_store
from store import clientside, messages, pending, receipts, referrals
from store.env import BotEnv
from store.models import Agent
from store.ports import TextGroup, build_context, transaction


class Answer(Enum):
    """How the door answers: LATER (by the outbox, or not at all), INLINE (the reply is the webhook's or the
    page's answer, and is logged), KEPT (inline, and kept with the receipt for a retried webhook: texts)."""

    LATER = "later"
    INLINE = "inline"
    KEPT = "kept"


class _ByPhone(Enum):
    BY_PHONE = "by_phone"


BY_PHONE = _ByPhone.BY_PHONE  # identify the sender by their phone number (texts)


@dataclass(frozen=True, slots=True)
class Arrival:
    """What arrived, as its door verified it."""

    inbound: Inbound
    agent: AgentView | _ByPhone | None = BY_PHONE  # who sent it, when the door already knows
    intent: Intent | events.Event | None = None  # what it asks for, when the door knows; None: parse the body
    answer: Answer = Answer.LATER
    recorded: bool = True  # False: no message (a payment, a signature), recorded by its door


@dataclass(frozen=True, slots=True)
class Handled:
    duplicate: bool = False
    reply: str | None = None
    agent: AgentView | None = None
    outcome: HandlerOutcome = HandlerOutcome.ANSWERED
    message_id: int | None = None
    referral_id: int | None = None  # the referral the message resolved to, if any


@dataclass(frozen=True, slots=True)
class _Recorded:
    agent: AgentView | None
    message_id: int | None


def handle(session: Session, env: BotEnv, arrival: Arrival, *, group: TextGroup | None = None) -> Handled:
    """Run `arrival` through the pipeline; `group` is the text group of the SMS webhook's runner (else direct)."""
    recorded = record(session, arrival, group)
    if recorded is None:
        return answered_before(session, arrival, group)
    handled = dispatch(session, env, arrival, recorded, group)
    return log(session, arrival, handled, recorded.agent, group)


# -- record, dedupe, identify --------------------------------------------------------------------
def record(session: Session, arrival: Arrival, group: TextGroup | None) -> _Recorded | None:
    """The sender and the logged message; None for a repeat."""
    inbound = arrival.inbound
    if not arrival.recorded:
        return _Recorded(identify(session, arrival), None)
    found = group.recorded(inbound) if group is not None else None  # recorded with its whole group
    if found is not None:
        return _Recorded(found.agent, found.message_id) if found.message_id is not None else None
    agent = identify(session, arrival)
    if not receipts.first_time(session, receipt_key(inbound), str(inbound.channel), now=inbound.received_at):
        return None
    return _Recorded(agent, log_inbound(session, inbound, agent))


def identify(session: Session, arrival: Arrival) -> AgentView | None:
    if isinstance(arrival.agent, _ByPhone):
        return agent_by_phone(session, arrival.inbound.sender)
    return arrival.agent


def receipt_key(inbound: Inbound) -> str:
    return f"{inbound.channel}:{inbound.provider_id}"[:300]


def log_inbound(session: Session, inbound: Inbound, agent: AgentView | None) -> int:
    """Log an inbound message; returns its id."""
    return messages.insert_message(
        session, direction="in", channel=str(inbound.channel), to_addr=inbound.recipient or "",
        from_addr=inbound.sender, subject=inbound.subject, body=inbound.body, provider_id=inbound.provider_id,
        status="received", agent_id=agent.id if agent else None, created_at=inbound.received_at,
        updated_at=inbound.received_at)


def answered_before(session: Session, arrival: Arrival, group: TextGroup | None) -> Handled:
    """A repeat: nothing is done again; a text gets the reply kept with its first delivery again."""
    if arrival.answer is not Answer.KEPT:
        return Handled(duplicate=True)
    key = receipt_key(arrival.inbound)
    return Handled(duplicate=True, reply=group.kept_reply(key) if group else receipts.stored_reply(session, key))


# -- dispatch ------------------------------------------------------------------------------------
def dispatch(session: Session, env: BotEnv, arrival: Arrival, recorded: _Recorded,
             group: TextGroup | None) -> Handled:
    """The handler for what arrived; someone we do not know is answered as a client or as a stranger."""
    inbound, agent, message_id = arrival.inbound, recorded.agent, recorded.message_id
    if agent is None:
        return stranger(session, env, inbound, message_id, group)
    intent = arrival.intent
    if not isinstance(intent, events.EVENTS):  # a message: read, placed in the agent's day, a question settled
        intent = in_agent_day(intent or parse_text(inbound.body, inbound.channel, inbound.received_at), inbound,
                              agent)
        intent = confirming.settle(intent, pending.take(session, agent.id, inbound.received_at))
    tx = transaction(session, env, inbound.received_at, group=group, agent=agent, channel=inbound.channel,
                     message_id=message_id, sender=inbound.sender, body=inbound.body)
    reply = handlers.dispatch(intent, build_context(tx))
    return Handled(reply=spanish.translate(reply.text, agent.language), agent=agent, outcome=reply.outcome,
                   message_id=message_id, referral_id=tx.referral_id)


def stranger(session: Session, env: BotEnv, inbound: Inbound, message_id: int | None,
             group: TextGroup | None) -> Handled:
    client_reply = clientside.answer(session, env, inbound, message_id, before_write=group.shared_write
                                     if group is not None else None) if inbound.channel is Channel.SMS else None
    if client_reply is not None:  # a client answering "has the agent reached you?"
        return Handled(reply=client_reply[0], outcome=client_reply[1], message_id=message_id)
    return Handled(reply=replies.unknown_sender(env.config), outcome=HandlerOutcome.UNKNOWN_SENDER,
                   message_id=message_id)


def in_agent_day(intent: Intent, inbound: Inbound, agent: AgentView) -> Intent:
    """A pause's end date read against the agent's own day, not the server's: "until the 23rd" typed at 20:00 on
    the 22nd in Chicago (already the 23rd in UTC) means tomorrow, not next month."""
    if not isinstance(intent, Pause):
        return intent
    local = parse_text(inbound.body, inbound.channel, daytime.local_now(inbound.received_at, agent.timezone))
    return local if isinstance(local, Pause) else intent


# -- log -----------------------------------------------------------------------------------------
def log(session: Session, arrival: Arrival, handled: Handled, agent: AgentView | None,
        group: TextGroup | None) -> Handled:
    if arrival.answer is Answer.LATER:
        return handled
    if arrival.answer is Answer.KEPT and agent and agent.sms_opted_out and handled.outcome is not \
            HandlerOutcome.OPTED_IN:
        handled = Handled(reply=None, agent=handled.agent, outcome=handled.outcome)  # no texts to opted-out numbers
    log_reply(session, handled, arrival.inbound, group=group)
    if arrival.answer is Answer.KEPT:
        if group is not None:
            group.keep_reply(receipt_key(arrival.inbound), handled.reply)
        else:
            receipts.keep_reply(session, receipt_key(arrival.inbound), handled.reply)
    return handled


def log_reply(session: Session, handled: Handled, inbound: Inbound, *, status: str = "sent",
              group: TextGroup | None = None) -> None:
    """A reply answered inline (TwiML, a spoken sentence, a page) is logged like any outbound message."""
    if handled.reply is None:
        return
    row = messages.message_row(direction="out", channel=str(inbound.channel), to_addr=inbound.sender,
                               from_addr=inbound.recipient, body=handled.reply, kind="reply", status=status,
                               agent_id=handled.agent.id if handled.agent else None, referral_id=handled.referral_id,
                               created_at=inbound.received_at, updated_at=inbound.received_at)
    if group is not None:
        group.log_message(row)
    else:
        messages.log_message(session, **row)


# -- who -----------------------------------------------------------------------------------------
def agent_by_id(session: Session, agent_id: int) -> AgentView | None:
    agent = session.get(Agent, agent_id)
    return referrals.agent_view(agent) if agent else None


def agent_by_phone(session: Session, phone: str) -> AgentView | None:
    return agent_store.view_by_phone(session, phone)
