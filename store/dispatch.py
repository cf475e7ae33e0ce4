"""Dispatch as the store keeps it: a referral's policy, its ranked agents and the escalation steps done live in
`referrals.dispatch` (JSON), and `referrals.dispatch_next_at` says when the worker's periodic job must look at
it again (indexed: the job reads only what is due). The rules are bot/dispatch.py.

Offers added later (a cascade's next agent, a widened escalation) are ordinary offer rows: the claim's
closing (store/closing.py) tells them they lost like any other. Each advance locks the referral's row and
reads it afresh, so it never adds an offer to a referral that was claimed in the meantime.
"""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import dispatch as rules
from bot.closing import Closure
from bot.dispatch import Action, Dispatch, Policy, ScoreParts
from bot.lifecycle import Status
from bot.matching import offer_channel
from bot.messages import CallSpec, Channel, Outgoing
from bot.model import AgentView
from bot.states import OfferStatus
from store import closing, geo, referrals, sending
from store.env import BotEnv
from store.links import call_answer_url
from store.models import Agent, AgentZipCode, Offer, Referral, ReviewItem
from store.offer_message import offer_message
from store.sql import Sql

RECENT_LOAD = timedelta(days=7)
HISTORY = timedelta(days=180)  # the offers a score is computed from
_shuffle = random.SystemRandom().shuffle


# -- ranking -----------------------------------------------------------------------------------
def score_agents(session: Session, agent_ids: list[int], zip_code: str, *, now: datetime) -> dict[int, ScoreParts]:
    """Each agent's score parts from their history: offers answered, claims, reports, distance, recent load."""
    if not agent_ids:
        return {}
    offered: defaultdict[int, int] = defaultdict(int)
    claimed: defaultdict[int, int] = defaultdict(int)
    answers: defaultdict[int, list[float]] = defaultdict(list)
    for agent, status, notified, handed_off, responded in session.execute(
            select(Offer.agent_id, Offer.status, Offer.notified_at, Offer.handed_off_at, Offer.responded_at)
            .where(Offer.agent_id.in_(agent_ids), Offer.notified_at > now - HISTORY)):
        offered[agent] += 1
        claimed[agent] += status == OfferStatus.WON
        if responded is not None and status in (OfferStatus.WON, OfferStatus.DECLINED, OfferStatus.LOST):
            answers[agent].append(answer_seconds(handed_off or notified, responded))
    won: defaultdict[int | None, int] = defaultdict(int)  # winner_agent_id IN (...) leaves out None
    reported: defaultdict[int | None, int] = defaultdict(int)
    recent: defaultdict[int | None, int] = defaultdict(int)
    for winner, status, awarded in session.execute(
            select(Referral.winner_agent_id, Referral.status, Referral.awarded_at)
            .where(Referral.winner_agent_id.in_(agent_ids))):
        won[winner] += 1
        reported[winner] += status != Status.AWARDED  # moved on by a report
        recent[winner] += awarded is not None and awarded > now - RECENT_LOAD
    zips: dict[int, list[str]] = defaultdict(list)
    for agent, zip_covered in session.execute(select(AgentZipCode.agent_id, AgentZipCode.zip_code)
                                              .where(AgentZipCode.agent_id.in_(agent_ids))):
        zips[agent].append(zip_covered)
    return {a: rules.score_parts(offered[a], claimed[a], answers[a], won[a], reported[a],
                                 geo.nearest_miles(zip_code, zips[a]), recent[a]) for a in agent_ids}


def answer_seconds(handed_off: datetime, responded: datetime) -> float:
    """From the agent's own offer being handed to the provider (offers.handed_off_at; its creation when unknown)
    to their answer: an agent late in a broadcast's queue is not counted slow."""
    return max((responded - handed_off).total_seconds(), 0.0)


# -- publishing --------------------------------------------------------------------------------
def policy_for(referral: Referral, env: BotEnv) -> Dispatch:
    if referral.dispatch:
        return Dispatch.from_json(referral.dispatch)
    return env.dispatch_default


def publish(session: Session, referral: Referral, matched: list[AgentView], env: BotEnv, *,
            now: datetime) -> int:
    """Rank the matched agents, keep the order on the referral and offer it to those who hold it now.
    A broadcast's offers leave in a shuffled order: no agent wins the provider's queue by their id."""
    dispatch = policy_for(referral, env)
    scores = score_agents(session, [a.id for a in matched], referral.zip_code, now=now)
    if dispatch.policy is Policy.ROUND_ROBIN:
        order = rules.rotation(list(scores), last_round_robin_first(session))
    else:
        order = rules.ranked(scores)
    referral.dispatch = {**dispatch.to_json(), "ranked": order, "started_at": now.isoformat(), "done": [],
                         "widened": False, "scores": {str(a): s.to_json() for a, s in scores.items()}}
    return advance_one(session, referral, env, {a.id: a for a in matched}, now=now)


def last_round_robin_first(session: Session) -> int | None:
    """The agent who went first on the latest round-robin referral (the rotation goes on after them)."""
    for state in session.scalars(select(Referral.dispatch).where(Referral.dispatch.is_not(None))
                                 .order_by(Referral.id.desc()).limit(50)):
        if state and state.get("policy") == Policy.ROUND_ROBIN and state.get("ranked"):
            return int(state["ranked"][0])
    return None


# -- the periodic job --------------------------------------------------------------------------
_DUE = Sql("SELECT id FROM referrals WHERE dispatch_next_at IS NOT NULL AND dispatch_next_at <= :now "
           "ORDER BY dispatch_next_at LIMIT 200")


def due(session: Session, *, now: datetime) -> list[int]:
    """Referrals whose dispatch is due at `now`, soonest first."""
    return [row.id for row in _DUE.rows(session, now=now)]


def advance(session: Session, env: BotEnv, referral_id: int, *, now: datetime) -> int:
    """Move one due referral: add and withdraw holders, run due escalation steps; returns offers added.
    The worker runs each in its own transaction, so a referral's row lock is held only while it moves."""
    referral = session.execute(select(Referral).where(Referral.id == referral_id).with_for_update()
                               .execution_options(populate_existing=True)).scalar_one()
    return advance_one(session, referral, env, None, now=now)


def advance_due(session: Session, env: BotEnv, *, now: datetime) -> int:
    """Every due referral in one transaction (benchmarks; the worker's job uses `due` and `advance`)."""
    return sum(advance(session, env, referral_id, now=now) for referral_id in due(session, now=now))


def advance_one(session: Session, referral: Referral, env: BotEnv, agents: dict[int, AgentView] | None, *,
                now: datetime) -> int:
    state = dict(referral.dispatch or {})
    if referral.status != Status.NEW or referral.winner_agent_id is not None or not state.get("ranked"):
        referral.dispatch_next_at = None  # claimed, withdrawn or never dispatched: escalation is cancelled
        return 0
    dispatch = Dispatch.from_json(state)
    elapsed = (now - datetime.fromisoformat(state["started_at"])).total_seconds()
    for index in rules.due_steps(dispatch, elapsed, state["done"]):
        state["done"] = [*state["done"], index]
        if dispatch.escalation[index].action is Action.WIDEN:
            state["widened"] = True
    holding = rules.holders(dispatch, state["ranked"], elapsed, widened=state["widened"])
    added = offer_to(session, referral, env, holding, state, agents, now=now)
    if dispatch.policy is Policy.ROUND_ROBIN and not state["widened"]:
        withdraw_others(session, referral, env, set(holding), now=now)
    for index in [i for i in state["done"] if i not in (referral.dispatch or {}).get("done", [])]:
        escalate(session, referral, env, index, dispatch.escalation[index].action, elapsed, now=now)
    referral.dispatch = state
    referral.dispatch_next_at = next_due(dispatch, state, elapsed, now)
    return added


def next_due(dispatch: Dispatch, state: dict[str, Any], elapsed: float, now: datetime) -> datetime | None:
    moments = [m for m in (rules.next_change(dispatch, len(state["ranked"]), elapsed, widened=state["widened"]),
                           rules.next_step(dispatch, state["done"])) if m is not None]
    if not moments:
        return None
    return datetime.fromisoformat(state["started_at"]) + timedelta(seconds=max(min(moments), elapsed))


def offer_to(session: Session, referral: Referral, env: BotEnv, holding: list[int], state: dict[str, Any],
             agents: dict[int, AgentView] | None, *, now: datetime) -> int:
    """Offers for the holders who have none yet (an agent who held it once is never offered it twice)."""
    have = set(session.scalars(select(Offer.agent_id).where(Offer.referral_id == referral.id)))
    new = [a for a in holding if a not in have]
    if not new:
        return 0
    if agents is None:
        agents = {a.id: referrals.agent_view(a) for a in session.scalars(select(Agent).where(Agent.id.in_(new)))}
    state["scores"] = dict(state.get("scores", {}))
    if Dispatch.from_json(state).policy is Policy.BROADCAST or state["widened"]:
        _shuffle(new)

    for agent_id in new:
        agent = agents.get(agent_id)
        if agent is None:
            continue
        channel = offer_channel(agent)
        offer = referrals.create_offer(session, referral, agent, str(channel), now=now,
                                       ttl_days=env.config.offer_ttl_days)
        offer.score = state.get("scores", {}).pop(str(agent_id), None)  # kept on the offer from now on
        outgoing = offer_message(agent, referrals.offer_view(offer, referral), channel, env)
        sending.send(session, env, outgoing, now=now)
    return len(new)


_WITHDRAW = Sql("UPDATE offers SET status = 'expired' WHERE referral_id = :referral AND agent_id = :agent "
                "AND status = 'open' RETURNING id, agent_id, channel, referral_id")


def withdraw_others(session: Session, referral: Referral, env: BotEnv, holding: set[int], *,
                    now: datetime) -> None:
    """Round robin: an agent whose exclusive window ended can no longer claim it, and is told so."""
    open_ids = set(session.scalars(select(Offer.agent_id).where(Offer.referral_id == referral.id,
                                                                Offer.status == OfferStatus.OPEN)))
    rows = [row for agent in sorted(open_ids - holding) for row in _WITHDRAW.rows(session, referral=referral.id,
                                                                                   agent=agent)]
    closing.tell(session, env, rows, Closure.EXPIRED, now=now)


# -- escalation --------------------------------------------------------------------------------
def escalate(session: Session, referral: Referral, env: BotEnv, index: int, action: Action, elapsed: float, *,
             now: datetime) -> None:
    """Run one escalation step; each message is keyed by referral, step and agent, so it is sent once."""
    held = list(session.execute(select(Offer, Agent).join(Agent, Agent.id == Offer.agent_id)
                                .where(Offer.referral_id == referral.id, Offer.status == OfferStatus.OPEN)
                                .order_by(Offer.id)))
    key = f"escalation:{referral.id}:{index}"
    if action is Action.CALL:
        for offer, agent in held:
            if agent.sms_opted_out_at is None:
                enqueue(session, env, Outgoing(
                    Channel.VOICE, agent.phone, f"Referral #{referral.code} is still open.", f"{key}:{agent.id}",
                    agent_id=agent.id, referral_id=referral.id, kind="call",
                    call=CallSpec(call_answer_url(env, offer.id, offer.expires_at))), now)
    elif action is Action.EMAIL:

        for offer, agent in held:
            enqueue(session, env, offer_message(referrals.agent_view(agent), referrals.offer_view(offer, referral),
                                                Channel.EMAIL, env), now)
    elif action is Action.NOTIFY_OPERATOR:
        text = f"Referral #{referral.code} is unclaimed {int(elapsed)} s after it went out ({len(held)} offers open)."
        session.add(ReviewItem(channel="system", sender="dispatch", body=text, reason="dispatch_unclaimed",
                               created_at=now))
        enqueue(session, env, Outgoing(Channel.EMAIL, env.config.support_contact, text + "\n", key,
                                       subject=f"Unclaimed referral #{referral.code}", referral_id=referral.id,
                                       kind="escalation"), now)
    referrals.add_note(session, referral.id, None, "escalation", f"Escalation step {index + 1}: {action}", now=now)


def enqueue(session: Session, env: BotEnv, message: Outgoing, now: datetime) -> None:
    sending.send(session, env, message, now=now)
