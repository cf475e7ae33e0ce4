"""The writes several memory adapters share: notes, the outbox (unique dedupe keys), the ledger (unique dedupe
keys), closing a referral's waiting offers with one notice per agent, and Stripe jobs."""
from __future__ import annotations

from datetime import datetime

from bot.closing import CLOSABLE, OFFER_STATUS, ClosedOffer, Closure, closure_notice
from bot.messages import Channel, Outgoing
from bot.testing.world import (
    LedgerEntry,
    Note,
    Queued,
    World,
)

OPEN_INVOICE = ("requested", "open")  # a purchase invoice not yet paid, voided or refunded


# ----------------------------------------------------------------------
def add_note(world: World, referral_id: int | None, agent_id: int | None, kind: str, text: str,
             now: datetime) -> None:
    world.notes.append(Note(referral_id, agent_id, kind, text, now))


def enqueue(world: World, message: Outgoing, now: datetime) -> bool:
    """Queue `message` unless its dedupe key was queued before (the outbox's unique key)."""
    if any(queued.message.dedupe_key == message.dedupe_key for queued in world.outbox):
        return False
    world.outbox.append(Queued(message, now))
    return True


def book(world: World, agent_id: int, referral_id: int | None, kind: str, cents: int, memo: str, key: str,
         now: datetime) -> bool:
    if any(entry.dedupe_key == key for entry in world.ledger):
        return False
    world.ledger.append(LedgerEntry(agent_id, referral_id, str(kind), cents, memo[:300], key, now))
    return True


def close_offers(world: World, referral_id: int, closure: Closure, now: datetime, winner_id: int | None) -> int:
    """Close the referral's offers still waiting on their agent (but the winner's); one notice per agent."""
    referral = world.referrals[referral_id]
    closed = [o for o in world.offers.values()
              if o.referral_id == referral_id and o.agent_id != (winner_id or 0) and o.status in CLOSABLE]
    told = 0
    for offer in closed:
        offer.status = OFFER_STATUS[closure]
        voided = closure is Closure.PURCHASED and any(
            i.referral_id == referral_id and i.agent_id == offer.agent_id and i.kind == "purchase"
            and i.status in OPEN_INVOICE for i in world.invoices.values())
        agent = world.agents[offer.agent_id]
        notice = ClosedOffer(offer.id, offer.channel, agent.id, agent.phone, agent.email,
                             agent.sms_opted_out_at is not None, referral.id, referral.code, referral.mode,
                             invoice_voided=voided)
        told += enqueue(world, closure_notice(notice, closure), now)
    return told


def stripe_job(world: World, key: str, payload: dict[str, object], agent_id: int | None,
               referral_id: int | None, now: datetime) -> None:
    op = str(payload["op"])
    enqueue(world, Outgoing(Channel.STRIPE, "stripe", op, key, agent_id=agent_id, referral_id=referral_id, kind=op,
                            extra=payload), now)


