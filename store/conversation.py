"""Publishing a new referral to its matched agents (offers by text or email, exchange offers, network
invitations) and the email fallback of an undelivered offer text. The inbound side (record, dedupe, identify,
dispatch, log) is store/pipeline.py; the ports live in store/ports/, links in store/links.py.

Everything here runs inside one transaction handed in by the caller, so a state change and the messages it
causes are committed together.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import replies
from bot.lifecycle import Status
from bot.messages import Channel, Outgoing
from bot.model import AgentView, OfferView
from bot.states import EXCHANGE_MODES
from bot.tokens import make_token
from store import dispatch, exchange, pipeline, referrals, sending
from store.env import BotEnv
from store.links import exchange_link
from store.models import Agent, AgentZipCode, Message, Referral
from store.offer_message import offer_message


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
    owner, member = pipeline.agent_by_id(session, link.owner_agent_id), pipeline.agent_by_id(session,
                                                                                         link.member_agent_id)
    if owner is None or member is None:
        return
    url = env.public_base_url.rstrip("/") + "/n/" + make_token(env.secret_key, "invite", link.id,
                                                             now + timedelta(days=30))
    text = replies.network_invitation(owner.name, url)
    channel, to = (Channel.EMAIL, member.email) if member.sms_opted_out else (Channel.SMS, member.phone)
    sending.send(session, env, Outgoing(channel, to, text, f"network-invite:{link.id}", agent_id=member.id,
                                        subject="Referral network invitation" if channel is Channel.EMAIL else None,
                                        kind="network_invite"), now=now)
