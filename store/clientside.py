"""The client's side: with the client's recorded consent, one text some hours after the award asking whether
the winner reached them; their answer (1, 2, STOP) comes in on the same SMS webhook, matched by phone.

The client's phone is read here only to address that one text and to recognise its answer; it is never
logged, and nothing about the client goes to any agent but the winner.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clientside
from bot.clientside import CheckStatus, ClientAnswer
from bot.daytime import add_business_hours
from bot.messages import Channel, Inbound, Outgoing
from bot.outcomes import CLIENT_ANSWERED, HandlerOutcome
from bot.quiet_hours import next_allowed
from store import geo, sending
from store.env import BotEnv
from store.models import Agent, ClientCheck, HistoryNote, Referral, ReferralContact, ReviewItem

ASK_BATCH = 200
NOT_REACHED_KINDS = ("client_not_reached", "no_contact_recorded")  # count against the winner


def ask_clients(session: Session, env: BotEnv, *, now: datetime, delay: timedelta, business_hours: bool = True) -> int:
    """Queue the question to every consenting client whose referral was awarded `delay` ago (counted in the
    winner's business hours unless `business_hours` is False) and not yet asked. Held for the quiet hours of the
    client's state (bot/quiet_hours.py), never dropped. Returns how many were asked."""
    asked = 0
    for referral, contact, agent in _awarded_unasked(session, now - delay):
        if referral.awarded_at is None or contact.phone is None:
            continue  # the query's conditions; here for the type checker
        if business_hours and add_business_hours(referral.awarded_at, delay.total_seconds() / 3600,
                                                 agent.timezone) > now:
            continue
        session.add(ClientCheck(referral_id=referral.id, status=CheckStatus.ASKED, asked_at=now))
        text = clientside.question(agent.name.split()[0] if agent.name.split() else agent.name,
                                   env.config.program_name)
        sending.send(session, env, Outgoing(Channel.SMS, contact.phone, text, f"client-check:{referral.id}",
                                            referral_id=referral.id, kind="client_check"),
                     now=now, not_before=client_daytime(now, referral.zip_code, agent.timezone))
        asked += 1
    session.flush()
    return asked


def _awarded_unasked(session: Session, awarded_by: datetime) -> list[tuple[Referral, ReferralContact, Agent]]:
    rows = session.execute(
        select(Referral, ReferralContact, Agent)
        .join(ReferralContact, ReferralContact.referral_id == Referral.id)
        .join(Agent, Agent.id == Referral.winner_agent_id)
        .outerjoin(ClientCheck, ClientCheck.referral_id == Referral.id)
        .where(ClientCheck.referral_id.is_(None), Referral.awarded_at.is_not(None),
               Referral.awarded_at <= awarded_by, ReferralContact.sms_consent_at.is_not(None),
               ReferralContact.phone.is_not(None), ReferralContact.sms_opted_out.is_(False))
        .order_by(Referral.id).limit(ASK_BATCH)).all()
    return [(r, c, a) for r, c, a in rows]


def client_daytime(now: datetime, zip_code: str, fallback_tz: str) -> datetime:
    """When a text may reach the client: the quiet hours of the referral's state, on the zip's clock (the
    winner's clock when the zip is unknown)."""
    place = geo.place_of(zip_code)
    return next_allowed(now, place.state, place.timezone or fallback_tz)


def flag_unconfirmed(session: Session, *, now: datetime, silence: timedelta) -> int:
    """A client asked `silence` ago who never answered, on a referral with no first contact recorded (no live
    connect): flagged for the operator once, and counted against the winner like a "2"."""
    rows = session.execute(
        select(ClientCheck, Referral)
        .join(Referral, Referral.id == ClientCheck.referral_id)
        .where(ClientCheck.status == CheckStatus.ASKED, ClientCheck.asked_at <= now - silence,
               Referral.first_contact_at.is_(None))
        .order_by(ClientCheck.referral_id).limit(ASK_BATCH)).all()
    for check, referral in rows:
        check.status = CheckStatus.NO_ANSWER
        _note(session, referral, NOT_REACHED_KINDS[1], "the client did not answer and no contact was recorded", now)
        session.add(ReviewItem(message_id=None, agent_id=referral.winner_agent_id, channel=str(Channel.SMS),
                               sender=f"client of #{referral.code}", body="(no answer to the contact check)",
                               reason="client_unconfirmed", created_at=now))
    session.flush()
    return len(rows)


def awaiting_answer(session: Session, phone: str) -> tuple[ClientCheck, Referral, ReferralContact] | None:
    """The latest check sent to this phone that the client can still answer (not after STOP)."""
    row = session.execute(
        select(ClientCheck, Referral, ReferralContact)
        .join(Referral, Referral.id == ClientCheck.referral_id)
        .join(ReferralContact, ReferralContact.referral_id == ClientCheck.referral_id)
        .where(ReferralContact.phone == phone, ClientCheck.status != CheckStatus.OPTED_OUT)
        .order_by(ClientCheck.asked_at.desc()).limit(1)).first()
    return (row[0], row[1], row[2]) if row else None


def answer(session: Session, env: BotEnv, inbound: Inbound, message_id: int | None, *,
           before_write: Callable[[], None] | None = None) -> tuple[str, HandlerOutcome] | None:
    """A client's reply to the check: (reply, outcome), or None when the sender is no client we asked.
    `before_write` is called before the answer changes anything (a text group's `shared_write`)."""
    found = awaiting_answer(session, inbound.sender)
    if found is None:
        return None
    if before_write is not None:
        before_write()
    check, referral, contact = found
    now, said = inbound.received_at, clientside.read_answer(inbound.body)
    if said is ClientAnswer.YES:
        check.status, check.answered_at = CheckStatus.CONFIRMED, now
        _note(session, referral, "client_confirmed", "client confirmed contact", now)
    elif said is ClientAnswer.NOT_YET:
        check.status, check.answered_at = CheckStatus.NOT_YET, now
        _note(session, referral, NOT_REACHED_KINDS[0], "client says the agent has not reached them yet", now)
        session.add(ReviewItem(message_id=message_id, agent_id=referral.winner_agent_id, channel=str(Channel.SMS),
                               sender=f"client of #{referral.code}", body=inbound.body[:2000],
                               reason="client_not_reached", created_at=now))
    elif said is ClientAnswer.STOP:
        check.status, check.answered_at, contact.sms_opted_out = CheckStatus.OPTED_OUT, now, True
        _note(session, referral, "client_opted_out", "the client asked not to be texted (STOP)", now)
        tell_winner_of_stop(session, env, referral, now)
    return clientside.thanks(said, env.config.program_name), CLIENT_ANSWERED[said]


def _note(session: Session, referral: Referral, kind: str, text: str, now: datetime) -> None:
    session.add(HistoryNote(referral_id=referral.id, agent_id=referral.winner_agent_id, kind=kind, text=text,
                            created_at=now))


def tell_winner_of_stop(session: Session, env: BotEnv, referral: Referral, now: datetime) -> None:
    """The FCC's revocation rules: the agent hears of the client's STOP at once, by text and by email."""
    agent = session.get(Agent, referral.winner_agent_id) if referral.winner_agent_id else None
    if agent is None:
        return
    text = clientside.agent_told_of_stop(referral.code)
    if agent.sms_opted_out_at is None:
        sending.send(session, env, Outgoing(Channel.SMS, agent.phone, text, f"client-stop-sms:{referral.id}",
                                            agent_id=agent.id, referral_id=referral.id, kind="client_stop"), now=now)
    if agent.email:
        sending.send(session, env, Outgoing(Channel.EMAIL, agent.email, text, f"client-stop-email:{referral.id}",
                                            agent_id=agent.id, referral_id=referral.id,
                                            subject=f"Referral #{referral.code}: the client asked for no texts",
                                            kind="client_stop"), now=now)


def not_reached_count(session: Session, agent_id: int) -> int:
    """How many clients said this agent had not reached them: counted against the agent's responsiveness."""
    return len(list(session.scalars(select(HistoryNote.id).where(
        HistoryNote.agent_id == agent_id, HistoryNote.kind.in_(NOT_REACHED_KINDS)))))
