"""An operator's actions on a referral over the API (store/referral_actions.py): `POST /api/referrals/{id}/assign`
(award or reassign, with a reason), `/reoffer` (to the same agents or a new match), `/message` (text or email
the winner). The console's referral page runs the same functions."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.messages import Channel
from inbound.api import path_id
from inbound.deps import BOT_ENV, deps, error, json_response
from inbound.json_input import read_json_object
from inbound.review_api import MAX_REPLY, actor_of, message_text
from store import referral_actions as actions
from store import validation

routes = web.RouteTableDef()
MAX_REASON = 200
Work = Callable[[Session, str, datetime], actions.Done]


def assign_input(body: dict[str, Any]) -> tuple[int, str]:
    errors: dict[str, str] = {}
    try:
        agent_id = validation.positive_id(body.get("agent_id"))
    except ValueError as exc:
        errors["agent_id"] = str(exc)
    try:
        reason = message_text(body.get("reason"), MAX_REASON)
    except ValueError as exc:
        errors["reason"] = str(exc)
    if errors:
        raise validation.Invalid(errors)
    return agent_id, reason


def message_input(body: dict[str, Any]) -> tuple[Channel, str]:
    errors: dict[str, str] = {}
    channel = str(body.get("channel"))
    if channel not in (Channel.SMS, Channel.EMAIL):
        errors["channel"] = "sms or email"
    try:
        text = message_text(body.get("text"), MAX_REPLY)
    except ValueError as exc:
        errors["text"] = str(exc)
    if errors:
        raise validation.Invalid(errors)
    return Channel(channel), text


@routes.post("/api/referrals/{id}/assign")
async def assign(request: web.Request) -> web.Response:
    """Award it to an agent, or reassign it from its winner (told, credited): `{"agent_id", "reason"}`."""
    referral_id, env = path_id(request), request.app[BOT_ENV]
    try:
        agent_id, reason = assign_input(await read_json_object(request))
    except validation.Invalid as exc:
        return json_response({"errors": exc.errors}, 422)
    return await run(request, lambda s, actor, now: actions.assign(s, env, referral_id, agent_id, reason,
                                                                   actor=actor, now=now))


@routes.post("/api/referrals/{id}/reoffer")
async def reoffer(request: web.Request) -> web.Response:
    """Offer an unclaimed referral again: `{"to": "same"}` (its agents' offers reopen) or `{"to": "new"}`."""
    referral_id, env = path_id(request), request.app[BOT_ENV]
    to = (await read_json_object(request)).get("to")
    if to not in set(actions.ReofferTo):
        return json_response({"errors": {"to": "same or new"}}, 422)
    return await run(request, lambda s, actor, now: actions.reoffer(s, env, referral_id, actions.ReofferTo(to),
                                                                    actor=actor, now=now))


@routes.post("/api/referrals/{id}/message")
async def message(request: web.Request) -> web.Response:
    """Text or email the winner: `{"channel": "sms"|"email", "text"}`."""
    referral_id, env = path_id(request), request.app[BOT_ENV]
    try:
        channel, text = message_input(await read_json_object(request))
    except validation.Invalid as exc:
        return json_response({"errors": exc.errors}, 422)
    return await run(request, lambda s, actor, now: actions.message_winner(s, env, referral_id, channel, text,
                                                                           actor=actor, now=now))


async def run(request: web.Request, work: Work) -> web.Response:
    d, actor = deps(request), actor_of(request)
    now = d.clock.now()

    def transaction(session: Session) -> dict[str, Any]:
        done = work(session, actor, now)
        return {"id": done.referral_id, "outcome": done.outcome, "detail": done.detail}
    try:
        return json_response(await d.store.run(transaction))
    except actions.Refused as exc:
        return json_response({"errors": exc.errors}, exc.status) if exc.errors else error(exc.status, str(exc))
