"""Operator API for agent-to-agent referrals and network groups (the operator acting for a sending agent):
send a draft, add receivers, award on the sender's behalf, invite agents into a sender's network."""
from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.intents import Award
from bot.lifecycle import Status
from bot.messages import Channel, Inbound
from bot.outcomes import HandlerOutcome as O
from bot.states import EXCHANGE_MODES
from inbound.api import path_id
from inbound.deps import BOT_ENV, deps, error, json_response
from inbound.json_input import read_json_object
from store import conversation, exchange, pipeline, referrals, sending, validation
from store.models import Agent, Referral

routes = web.RouteTableDef()


def exchange_referral(session: Session, referral_id: int | None) -> Referral | None:
    referral = session.get(Referral, referral_id) if referral_id else None
    return referral if referral is not None and referral.mode in EXCHANGE_MODES else None


@routes.post("/api/referrals/{id}/send")
async def send_draft(request: web.Request) -> web.Response:
    """Draft -> New: the referral goes to its receivers."""
    referral_id, d, env = path_id(request), deps(request), request.app[BOT_ENV]
    body = await read_json_object(request)
    try:
        receiver_ids = validation.id_list(body["receiver_agent_ids"]) if "receiver_agent_ids" in body else None
    except ValueError as exc:
        return json_response({"errors": {"receiver_agent_ids": str(exc)}}, 422)

    def work(session: Session) -> dict[str, Any] | None:
        referral = exchange_referral(session, referral_id)
        if referral is None or referral.status != Status.DRAFT:
            return None
        chosen = receiver_ids if receiver_ids is not None else referral.draft_receiver_ids
        offered = conversation.publish_or_refuse(session, referral, env, now=d.clock.now(), receiver_ids=chosen)
        return {"id": referral.id, "status": referral.status, "offered": offered}
    try:
        result = await d.store.run(work)
    except conversation.NoReceivers as exc:  # rolled back: still a draft
        return json_response({"errors": {"receivers": exc.reason}}, 422)
    return json_response(result) if result else error(409, "only a draft agent-to-agent referral can be sent")


@routes.post("/api/referrals/{id}/receivers")
async def add_receivers(request: web.Request) -> web.Response:
    """The sender adds more receivers to check their interest (while the referral is still open)."""
    referral_id, d, env = path_id(request), deps(request), request.app[BOT_ENV]
    try:
        ids = validation.id_list((await read_json_object(request)).get("agent_ids"))
    except ValueError as exc:
        return json_response({"errors": {"agent_ids": str(exc)}}, 422)

    def work(session: Session) -> dict[str, Any] | None:
        referral = exchange_referral(session, referral_id)
        if referral is None or referral.status not in (Status.NEW, Status.ACCEPTED):
            return None
        placed = exchange.receivers(session, referral_as_private(referral), now=d.clock.now(), agent_ids=ids)
        made = exchange.add_offers(session, referral, placed, now=d.clock.now(), ttl_days=env.config.offer_ttl_days)
        sender = session.get(Agent, referral.sender_agent_id)
        for agent, offer in made:
            sending.send(session, env, conversation.exchange_offer_message(
                agent, referrals.offer_view(offer, referral), sender.name if sender else "", env), now=d.clock.now())
        return {"id": referral.id, "offered": len(made)}
    result = await d.store.run(work)
    return json_response(result) if result else error(409, "receivers can be added to an open agent-to-agent referral")


def referral_as_private(referral: Referral) -> Referral:
    """Receivers added by hand are chosen like a private referral's, whatever the referral's mode."""
    clone = Referral(id=referral.id, mode="private", zip_code=referral.zip_code,
                     sender_agent_id=referral.sender_agent_id)
    return clone


@routes.post("/api/referrals/{id}/award")
async def award(request: web.Request) -> web.Response:
    """The operator awards for the sender, through the same handler as the sender's `AWARD n` reply."""
    referral_id, d, env = path_id(request), deps(request), request.app[BOT_ENV]
    body = await read_json_object(request)
    choice = body.get("choice")
    if not isinstance(choice, int) or isinstance(choice, bool) or not 1 <= choice <= validation.MAX_IDS:
        return json_response({"errors": {"choice": "the number of the agent in the interested list"}}, 422)

    def work(session: Session) -> dict[str, Any] | None:
        referral = exchange_referral(session, referral_id)
        if referral is None or referral.sender_agent_id is None:
            return None
        sender = pipeline.agent_by_id(session, referral.sender_agent_id)
        if sender is None:
            return None
        inbound = Inbound(Channel.WEB, sender=sender.phone, body=f"AWARD {referral.code} {choice}",
                          provider_id=f"api-award:{referral.id}:{choice}:{d.clock.now().isoformat()}",
                          received_at=d.clock.now())
        handled = pipeline.handle(session, env, pipeline.Arrival(inbound, agent=sender,
                                                                 intent=Award(ref=referral.code, choice=choice)))
        return {"id": referral.id, "outcome": handled.outcome, "message": handled.reply}
    result = await d.store.run(work)
    if result is None:
        return error(404, "no such agent-to-agent referral")
    return json_response(result, ACTION_STATUS[result["outcome"]])


# The HTTP status of an action taken through the API, by the handler's outcome (a test requires every outcome to be
# here): 200 when what was asked happened, 409 when the state of the referral or the agent refused it.
ACTION_STATUS: dict[O, int] = {
    **dict.fromkeys((
        O.WON, O.DECLINED, O.CALL_PLACED, O.CONNECT_CALL_PLACED, O.INVOICE_REQUESTED, O.INVOICE_RESENT,
        O.INTERESTED, O.SELECTED, O.JOINED, O.SOLD, O.NO_SALE, O.IN_PROGRESS, O.INVALID, O.FAIL, O.NOTED,
        O.OPTED_OUT, O.OPTED_IN, O.PAUSED, O.RESUMED, O.CAPACITY_SET, O.CAPACITY_OFF,
        O.CLIENT_YES, O.CLIENT_NOT_YET, O.CLIENT_STOP), 200),
    **dict.fromkeys((
        O.ANSWERED, O.ALREADY_YOURS, O.TAKEN, O.EXPIRED, O.NOT_OFFERED, O.WITHDRAWN, O.DECLINE_WON, O.DECLINE_LOST,
        O.DECLINE_DECLINED, O.DECLINE_EXPIRED, O.DECLINE_CANCELLED, O.UNKNOWN_CODE, O.AMBIGUOUS, O.NO_OFFER,
        O.NOT_YOURS, O.CALL_UNDER_WAY, O.CONNECT_NOT_YOURS, O.CONNECT_NO_PHONE, O.NOT_PAID, O.REFUNDED_TAKEN,
        O.REFUNDED_EXPIRED, O.REFUNDED_NOT_OFFERED, O.REFUNDED_WITHDRAWN, O.CLOSED, O.NOT_SELECTED, O.REFUSED,
        O.NOTHING_TO_AWARD, O.NOTHING_TO_AGREE, O.NOTHING_TO_REPORT, O.ASK_REASON, O.ASK_AMOUNT, O.TOO_SOON,
        O.PAUSE_DATE_PASSED, O.REVIEW, O.CONFIRM_ASKED, O.IGNORED_REACTION, O.IGNORED_AUTO_REPLY, O.IGNORED_EMPTY,
        O.IGNORED_ACK, O.UNKNOWN_SENDER, O.CLIENT_OTHER), 409),
}


@routes.post("/api/agents/{id}/network/invitations")
async def invite(request: web.Request) -> web.Response:
    """Invite an agent into this agent's network by phone or email; it must match an active agent."""
    owner_id, d, env = path_id(request), deps(request), request.app[BOT_ENV]
    body = await read_json_object(request)
    try:
        phone = validation.phone(body["phone"]) if body.get("phone") else None
        email = validation.email(body["email"]) if body.get("email") else None
    except ValueError as exc:
        return json_response({"errors": {"phone" if body.get("phone") else "email": str(exc)}}, 422)
    if not phone and not email:
        return json_response({"errors": {"phone": "a phone or an email is required"}}, 422)

    def work(session: Session) -> dict[str, Any]:
        if session.get(Agent, owner_id) is None:
            return {"status": 404}
        try:
            member = exchange.find_active_agent(session, phone=phone, email=email)
            link, new = exchange.invite(session, owner_id, member, now=d.clock.now())
        except exchange.NotAnActiveAgent as exc:
            return {"errors": {"phone" if phone else "email": str(exc)}}
        if new:
            conversation.send_network_invitation(session, env, link, now=d.clock.now())
        return {"id": link.id, "agent_id": member.id, "status": link.status}
    result = await d.store.run(work)
    if result.get("status") == 404:
        return error(404, "no such agent")
    return json_response(result, 422 if "errors" in result else 201)


@routes.get("/api/agents/{id}/network")
async def network(request: web.Request) -> web.Response:
    owner_id = path_id(request)
    return json_response(await deps(request).store.run(lambda s: exchange.network_view(s, owner_id)))
