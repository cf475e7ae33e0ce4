"""Where a message meets the domain: the inbound pipeline (record, dedupe, identify, parse, dispatch) and
publishing a new referral to its matched agents. The ports live in store/ports.py, links in store/links.py.

Everything here runs inside one transaction handed in by the caller, so a state change and the messages it
causes are committed together.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import daytime, handlers, replies, spanish
from bot.handlers import confirming
from bot.intents import Intent, Pause
from bot.lifecycle import Status
from bot.messages import Channel, Inbound, Outgoing
from bot.model import AgentView, OfferView
from bot.outcomes import HandlerOutcome
from bot.parser import parse_text
from bot.states import EXCHANGE_MODES
from bot.tokens import make_token
from store import agents as agent_store
from store import clientside, dispatch, exchange, messages, pending, receipts, referrals, sending
from store.env import BotEnv
from store.links import exchange_link
from store.models import Agent, AgentZipCode, Message, Referral
from store.offer_message import offer_message
from store.ports import TextGroup, build_context, transaction


@dataclass(frozen=True, slots=True)
class Handled:
    duplicate: bool = False
    reply: str | None = None
    agent: AgentView | None = None
    outcome: HandlerOutcome = HandlerOutcome.ANSWERED
    message_id: int | None = None
    referral_id: int | None = None  # the referral the message resolved to, if any


def log_inbound(session: Session, inbound: Inbound, agent: AgentView | None) -> int:
    """Log an inbound message; returns its id."""
    return messages.insert_message(
        session, direction="in", channel=str(inbound.channel), to_addr=inbound.recipient or "",
        from_addr=inbound.sender, subject=inbound.subject, body=inbound.body, provider_id=inbound.provider_id,
        status="received", agent_id=agent.id if agent else None, created_at=inbound.received_at,
        updated_at=inbound.received_at)


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


def handle_inbound(session: Session, inbound: Inbound, env: BotEnv, *, agent: AgentView | None,
                   intent: Intent | None = None, group: TextGroup | None = None) -> Handled:
    """Record and act on one inbound message; a repeat of its provider id changes nothing."""
    if not receipts.first_time(session, receipt_key(inbound), str(inbound.channel), now=inbound.received_at):
        return Handled(duplicate=True)
    return act_on(session, inbound, env, agent, intent, log_inbound(session, inbound, agent), group=group)


def receipt_key(inbound: Inbound) -> str:
    return f"{inbound.channel}:{inbound.provider_id}"[:300]


def act_on(session: Session, inbound: Inbound, env: BotEnv, agent: AgentView | None, intent: Intent | None,
           message_id: int, *, group: TextGroup | None = None) -> Handled:
    """Dispatch a recorded (first-time) message to its handler."""
    if agent is None:
        client_reply = clientside.answer(session, env, inbound, message_id, before_write=group.shared_write
                                         if group is not None else None) if inbound.channel is Channel.SMS else None
        if client_reply is not None:  # a client answering "has the agent reached you?"
            return Handled(reply=client_reply[0], outcome=client_reply[1], message_id=message_id)
        return Handled(reply=replies.unknown_sender(env.config), outcome=HandlerOutcome.UNKNOWN_SENDER,
                       message_id=message_id)
    intent = intent or parse_text(inbound.body, inbound.channel, inbound.received_at)
    intent = in_agent_day(intent, inbound, agent)
    intent = confirming.settle(intent, pending.take(session, agent.id, inbound.received_at))
    tx = transaction(session, env, inbound.received_at, group=group, agent=agent, channel=inbound.channel,
                     message_id=message_id, sender=inbound.sender, body=inbound.body)
    reply = handlers.dispatch(intent, build_context(tx))
    return Handled(reply=spanish.translate(reply.text, agent.language), agent=agent, outcome=reply.outcome,
                   message_id=message_id, referral_id=tx.referral_id)


def text_transaction(session: Session, group: TextGroup, inbound: Inbound, intent: Intent | None,
                     env: BotEnv) -> Handled:
    """A text on the SMS webhook: record, act, answer. The answer is kept with the receipt so a retry of this
    MessageSid (our answer never reached Twilio) gets it again without acting twice."""
    found = group.recorded(inbound)  # recorded with its whole group (PostgreSQL)
    if found is not None:
        agent = found.agent
        if found.message_id is None:
            return answered_before(group, inbound)
        handled = act_on(session, inbound, env, agent, intent, found.message_id, group=group)
    else:
        agent = agent_by_phone(session, inbound.sender)
        handled = handle_inbound(session, inbound, env, agent=agent, intent=intent, group=group)
    was_opted_out = bool(agent and agent.sms_opted_out)
    if handled.duplicate:
        return answered_before(group, inbound)
    if was_opted_out and handled.outcome is not HandlerOutcome.OPTED_IN:
        handled = Handled(reply=None, agent=handled.agent, outcome=handled.outcome)  # no texts to opted-out numbers
    log_reply(session, handled, inbound, group=group)
    group.keep_reply(receipt_key(inbound), handled.reply)
    return handled


def answered_before(group: TextGroup, inbound: Inbound) -> Handled:
    """A repeat: nothing is done again; the reply kept with the first delivery is the answer again."""
    return Handled(duplicate=True, reply=group.kept_reply(receipt_key(inbound)))


def in_agent_day(intent: Intent, inbound: Inbound, agent: AgentView) -> Intent:
    """A pause's end date read against the agent's own day, not the server's: "until the 23rd" typed at 20:00 on
    the 22nd in Chicago (already the 23rd in UTC) means tomorrow, not next month."""
    if not isinstance(intent, Pause):
        return intent
    local = parse_text(inbound.body, inbound.channel, daytime.local_now(inbound.received_at, agent.timezone))
    return local if isinstance(local, Pause) else intent


def agent_by_id(session: Session, agent_id: int) -> AgentView | None:
    agent = session.get(Agent, agent_id)
    return referrals.agent_view(agent) if agent else None


def agent_by_phone(session: Session, phone: str) -> AgentView | None:
    return agent_store.view_by_phone(session, phone)


# -- publishing a referral ---------------------------------------------------------------------
def publish_referral(session: Session, referral: Referral, env: BotEnv, *, now: datetime,
                     receiver_ids: list[int] | None = None) -> int:
    """Offer `referral` to every matched agent: a text (or an email when they opted out of SMS)."""
    if referral.mode in EXCHANGE_MODES:
        return publish_exchange(session, referral, env, now=now, receiver_ids=receiver_ids)
    matched = referrals.matching_agents(session, referral, now=now)
    offered = dispatch.publish(session, referral, matched, env, now=now)  # the policy says who holds it now
    referrals.add_note(session, referral.id, None, "offered", f"Offered to {offered} of {len(matched)} agents",
                       now=now)
    return offered


class NoReceivers(Exception):
    """A referral that would reach no agent: never accepted silently (the caller's transaction rolls back)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def publish_or_refuse(session: Session, referral: Referral, env: BotEnv, *, now: datetime,
                      receiver_ids: list[int] | None = None) -> int:
    """Publish `referral`; NoReceivers, with the reason the operator can act on, when nobody got it."""
    offered = publish_referral(session, referral, env, now=now, receiver_ids=receiver_ids)
    if not offered:
        raise NoReceivers(why_nobody(session, referral))
    return offered


def why_nobody(session: Session, referral: Referral) -> str:
    if referral.mode == "private":
        return "none of the chosen receivers can take it (suspended, or the sender)"
    if referral.mode == "network":
        if not exchange.network_members(session, referral.sender_agent_id):
            return "the sender's network is empty"
        return f"no one in the sender's network is within {referral.radius_miles} miles of {referral.zip_code}"
    types = session.scalars(select(Agent.client_types).join(AgentZipCode, AgentZipCode.agent_id == Agent.id)
                            .where(AgentZipCode.zip_code == referral.zip_code))
    if any(referral.client_type in covered for covered in types):
        return (f"every agent covering {referral.zip_code} for {referral.client_type}s is paused, suspended or "
                "behind on reports")
    return f"no active agent covers {referral.zip_code} for {referral.client_type}s"


def publish_exchange(session: Session, referral: Referral, env: BotEnv, *, now: datetime,
                     receiver_ids: list[int] | None = None) -> int:
    """Send an agent-to-agent referral (or add receivers to one): private to the chosen agents, network to
    the sender's accepted network within the radius, open to everyone covering the area; nearest first."""
    if referral.status == Status.DRAFT:
        referral.status = Status.NEW
    placed = exchange.receivers(session, referral, now=now, agent_ids=receiver_ids)
    made = exchange.add_offers(session, referral, placed, now=now, ttl_days=env.config.offer_ttl_days)
    sender = session.get(Agent, referral.sender_agent_id) if referral.sender_agent_id else None
    for agent, offer in made:
        view = referrals.offer_view(offer, referral)
        sending.send(session, env, exchange_offer_message(agent, view, sender.name if sender else
                                                          env.config.program_name, env), now=now)
    referrals.add_note(session, referral.id, referral.sender_agent_id, "offered",
                       f"Sent to {len(made)} agents ({referral.mode})", now=now)
    return len(made)


def exchange_offer_message(agent: AgentView, offer: OfferView, sender_name: str, env: BotEnv) -> Outgoing:
    link = exchange_link(env, offer.id, offer.expires_at)
    common = dict(agent_id=agent.id, referral_id=offer.referral.id, kind="offer")
    text = replies.exchange_offer_text(offer, sender_name, link)
    if agent.sms_opted_out:
        return Outgoing(Channel.EMAIL, agent.email, text + "\n", f"offer:{offer.id}:email",
                        subject=f"Referral #{offer.referral.code} from {sender_name}", **common)  # type: ignore[arg-type]
    return Outgoing(Channel.SMS, agent.phone, text, f"offer:{offer.id}:sms", **common)  # type: ignore[arg-type]


def fallback_to_email(session: Session, provider_id: str, env: BotEnv, *, now: datetime) -> bool:
    """An offer text that could not be delivered is sent again by email (once)."""
    message = session.query(Message).filter(Message.channel == "sms", Message.provider_id == provider_id).first()
    if message is None or message.kind != "offer" or message.agent_id is None or message.referral_id is None:
        return False
    offer = next((o for o in referrals.open_offers(session, message.agent_id, now=now)
                  if o.referral.id == message.referral_id), None)
    agent = session.get(Agent, message.agent_id)
    if offer is None or agent is None:
        return False
    email = offer_message(referrals.agent_view(agent), offer, Channel.EMAIL, env)
    return sending.send(session, env, email, now=now) is not None



def send_network_invitation(session: Session, env: BotEnv, link: Any, *, now: datetime) -> None:
    """The invited agent gets a text (or an email) with a signed accept link; YES accepts too."""
    owner, member = agent_by_id(session, link.owner_agent_id), agent_by_id(session, link.member_agent_id)
    if owner is None or member is None:
        return
    url = env.public_base_url.rstrip("/") + "/n/" + make_token(env.secret_key, "invite", link.id,
                                                             now + timedelta(days=30))
    text = replies.network_invitation(owner.name, url)
    channel, to = (Channel.EMAIL, member.email) if member.sms_opted_out else (Channel.SMS, member.phone)
    sending.send(session, env, Outgoing(channel, to, text, f"network-invite:{link.id}", agent_id=member.id,
                                        subject="Referral network invitation" if channel is Channel.EMAIL else None,
                                        kind="network_invite"), now=now)
