"""An operator's actions on one referral (the console's referral page and `POST /api/referrals/{id}/...`):
award or reassign it to an agent, re-offer it, and text or email the winner. Cancel and notes live with the
page (inbound/console.py).

Each goes through the same code as the agents' own messages: an award is the claim's conditional update, its
losers are told by store/closing.py, the winner gets the contact email and is charged by the claim's handlers
(bot/handlers.py); a re-offer to a new match is the publishing path (dispatch), one to the same agents reopens
their offers and sends the offer text again; every message goes through the outbox. Each lands in the
referral's history with the operator's name; the callers record the audit entry.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot import fees, replies
from bot.closing import closure_for_award
from bot.fees import LedgerKind
from bot.lifecycle import AWAITING_UPDATE, Status
from bot.matching import offer_channel
from bot.messages import Channel, Outgoing
from bot.model import AgentView, ClaimOutcome, OfferView
from bot.states import EXCHANGE_MODES, OfferStatus
from store import closing, conversation, ledger, pipeline, referrals, sending
from store.env import BotEnv
from store.models import LedgerEntry, Offer, Referral
from store.offer_message import offer_message

OPEN_FOR_OFFERS = (Status.NEW, Status.ACCEPTED)  # nobody holds it yet
ASSIGNABLE = (*OPEN_FOR_OFFERS, Status.PENDING, *AWAITING_UPDATE)


class Refused(Exception):
    """The action cannot run on this referral; `status` is the HTTP status, `errors` the fields to fix."""

    def __init__(self, status: int, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.errors = status, errors


class ReofferTo(StrEnum):
    SAME = "same"  # the agents offered it before: their offers reopen and the offer text goes again
    NEW = "new"  # a new match: agents the referral reaches now who never had it


@dataclass(frozen=True, slots=True)
class Done:
    referral_id: int
    outcome: str
    detail: str


def _referral(session: Session, referral_id: int) -> Referral:
    referrals.lock(session, referral_id)
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise Refused(404, "no such referral")
    return referral


# -- award or reassign ---------------------------------------------------------------------------
def assign(session: Session, env: BotEnv, referral_id: int, agent_id: int, reason: str, *, actor: str,
           now: datetime) -> Done:
    """Give the referral to `agent_id`: from nobody (an award) or from its winner (a reassignment: the previous
    winner is told, their offer closes and their award fee is credited back)."""
    referral = _referral(session, referral_id)
    agent = pipeline.agent_by_id(session, agent_id)
    if agent is None:
        raise Refused(422, "no such agent", {"agent_id": "no such agent"})
    if referral.mode in EXCHANGE_MODES:
        raise Refused(409, "an agent-to-agent referral is awarded by its sender (POST .../award)")
    if referral.status not in ASSIGNABLE:
        raise Refused(409, f"a referral that is {referral.status} cannot be given to an agent")
    if referral.winner_agent_id == agent_id:
        raise Refused(409, f"it is already {agent.name}'s")
    previous = pipeline.agent_by_id(session, referral.winner_agent_id) if referral.winner_agent_id else None
    if previous is not None:
        take_back(session, env, referral, previous, reason, now)
    offer = award(session, env, referral, agent, now)
    what = f"reassigned from {previous.name} to {agent.name}" if previous else f"awarded to {agent.name}"
    referrals.add_note(session, referral.id, agent.id, "operator", f"{actor} {what}: {reason}", now=now)
    return Done(referral.id, "reassigned" if previous else "awarded", f"{what} (offer {offer.id})")


def take_back(session: Session, env: BotEnv, referral: Referral, previous: AgentView, reason: str,
              now: datetime) -> None:
    session.execute(update(Offer).where(Offer.referral_id == referral.id, Offer.agent_id == previous.id)
                    .values(status=OfferStatus.CANCELLED, responded_at=now)
                    .execution_options(synchronize_session=False))
    referral.winner_agent_id = None
    session.flush()
    credit_award_fee(session, previous.id, referral, now)
    text = reassigned_text(referral.code, reason)
    channel, to = (Channel.EMAIL, previous.email) if previous.sms_opted_out else (Channel.SMS, previous.phone)
    sending.send(session, env, Outgoing(
        channel, to, text, f"reassigned:{referral.id}:{previous.id}:{now.isoformat()}", agent_id=previous.id,
        referral_id=referral.id, subject=f"Referral #{referral.code}" if channel is Channel.EMAIL else None,
        kind="reassigned"), now=now)


def credit_award_fee(session: Session, agent_id: int, referral: Referral, now: datetime) -> None:
    """The fee booked when it was awarded to them, reversed (the same key as an invalid referral's credit: never
    both)."""
    fee = session.scalar(select(LedgerEntry).where(LedgerEntry.agent_id == agent_id,
                                                   LedgerEntry.referral_id == referral.id,
                                                   LedgerEntry.kind == LedgerKind.AWARD_FEE))
    if fee is not None:
        ledger.book(session, agent_id, referral.id, LedgerKind.CREDIT, -fee.amount_cents,
                    f"Credit: #{referral.code} reassigned by the network", f"credit:{referral.id}:{agent_id}", now=now)


def reassigned_text(code: str, reason: str) -> str:
    return (f"The network has given #{code} to another agent ({reason[:60]}). Please don't contact the client; "
            "any fee for it is credited back.")


def award(session: Session, env: BotEnv, referral: Referral, agent: AgentView, now: datetime) -> Offer:
    """The agent's offer (made if they never had one) wins as a claim does: the winner set, the waiting offers
    closed and their agents told (store/closing.py), the contact email, the award fee (bot/fees.py)."""
    offer = session.scalar(select(Offer).where(Offer.referral_id == referral.id, Offer.agent_id == agent.id))
    if offer is None:
        offer = referrals.create_offer(session, referral, agent, str(offer_channel(agent)), now=now,
                                       ttl_days=env.config.offer_ttl_days)
    offer.status, offer.responded_at = OfferStatus.WON, now
    referral.winner_agent_id, referral.awarded_at, referral.last_update_at = agent.id, now, now
    if referral.status in OPEN_FOR_OFFERS or referral.status == Status.PENDING:
        referrals.move(session, referral.id, referral.status, Status.AWARDED, now=now)
        session.refresh(referral)
    session.flush()
    closing.close_offers(session, env, referral.id, closure_for_award(referral.mode), now=now, winner_id=agent.id)
    tell_winner(session, env, referral, agent, now)
    fee = fees.fee_on_award(agent.pricing, referral.code)
    if fee:
        ledger.charge(session, agent.id, referral.id, fee, now=now)
    return offer


def tell_winner(session: Session, env: BotEnv, referral: Referral, agent: AgentView, now: datetime) -> None:
    """The client's details by email (as after a claim; keyed per agent, so a second winner gets theirs too) and
    a text saying it is theirs."""
    contact = referrals.contact_for_winner(session, referral.id, agent.id)
    if contact is not None:
        subject, body = replies.contact_email(agent, referrals.summary(referral), contact, env.config)
        sending.send(session, env, Outgoing(Channel.EMAIL, agent.email, body, f"contact:{referral.id}:{agent.id}",
                                            agent_id=agent.id, referral_id=referral.id, subject=subject,
                                            kind="contact"), now=now)
    if not agent.sms_opted_out:
        text = replies.for_claim(ClaimOutcome.WON, referral.code)
        sending.send(session, env, Outgoing(Channel.SMS, agent.phone, text, f"assigned:{referral.id}:{agent.id}",
                                            agent_id=agent.id, referral_id=referral.id, kind="confirmation"),
                     now=now)


# -- re-offer ------------------------------------------------------------------------------------
def reoffer(session: Session, env: BotEnv, referral_id: int, to: ReofferTo, *, actor: str, now: datetime) -> Done:
    """Offer an unclaimed referral again: to the agents it went to (offers still open or expired reopen for
    another OFFER_TTL_DAYS and the offer text goes again; who declined is left alone), or to a new match."""
    referral = _referral(session, referral_id)
    if referral.mode in EXCHANGE_MODES:
        raise Refused(409, "an agent-to-agent referral goes to receivers its sender adds (POST .../receivers)")
    if referral.status not in OPEN_FOR_OFFERS or referral.winner_agent_id is not None:
        raise Refused(409, "only a referral nobody holds yet can be offered again")
    count = _to_same(session, env, referral, now) if to is ReofferTo.SAME else _to_new(session, env, referral, now)
    if not count:
        raise Refused(409, "nobody to offer it to: every agent offered before declined" if to is ReofferTo.SAME
                      else "no agent it has not reached matches it now")
    who = "the same agents" if to is ReofferTo.SAME else "a new match"
    referrals.add_note(session, referral.id, None, "operator", f"{actor} re-offered it to {who}: {count} agents",
                       now=now)
    return Done(referral.id, "reoffered", f"{count} agents")


def _to_same(session: Session, env: BotEnv, referral: Referral, now: datetime) -> int:
    offers = list(session.scalars(select(Offer).where(Offer.referral_id == referral.id,
                                                      Offer.status.in_((OfferStatus.OPEN, OfferStatus.EXPIRED)))))
    for offer in offers:
        offer.status, offer.notified_at = OfferStatus.OPEN, now
        offer.expires_at = now + timedelta(days=env.config.offer_ttl_days)
        agent = pipeline.agent_by_id(session, offer.agent_id)
        if agent is None:
            continue
        channel = Channel.EMAIL if agent.sms_opted_out or offer.channel == Channel.EMAIL else Channel.SMS
        view: OfferView = referrals.offer_view(offer, referral)
        message = offer_message(agent, view, channel, env)
        sending.send(session, env, Outgoing(message.channel, message.to, message.body,
                                            f"reoffer:{offer.id}:{now.isoformat()}", agent_id=agent.id,
                                            referral_id=referral.id, subject=message.subject, kind="offer"), now=now)
    session.flush()
    return len(offers)


def _to_new(session: Session, env: BotEnv, referral: Referral, now: datetime) -> int:
    """The publishing path again: dispatch ranks who matches now and offers those who never had it."""
    return conversation.publish_referral(session, referral, env, now=now)


# -- the winner ----------------------------------------------------------------------------------
def message_winner(session: Session, env: BotEnv, referral_id: int, channel: Channel, text: str, *, actor: str,
                   now: datetime) -> Done:
    """A text or an email from the operator to the referral's winner, queued like every message."""
    referral = _referral(session, referral_id)
    winner = pipeline.agent_by_id(session, referral.winner_agent_id) if referral.winner_agent_id else None
    if winner is None:
        raise Refused(409, "nobody has won it yet")
    if channel is Channel.SMS and winner.sms_opted_out:
        raise Refused(409, f"{winner.name} opted out of texts: send an email")
    to = winner.phone if channel is Channel.SMS else winner.email
    subject = f"Referral #{referral.code}" if channel is Channel.EMAIL else None
    sending.send(session, env, Outgoing(channel, to, text if channel is Channel.SMS else text + "\n",
                                        f"operator:{referral.id}:{channel}:{now.isoformat()}",
                                        agent_id=winner.id, referral_id=referral.id, subject=subject,
                                        kind="operator"), now=now)
    referrals.add_note(session, referral.id, winner.id, "operator",
                       f"{actor} {'texted' if channel is Channel.SMS else 'emailed'} {winner.name}: {text}", now=now)
    return Done(referral.id, "sent", f"{channel} to {winner.name}")

