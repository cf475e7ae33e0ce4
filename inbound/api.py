"""The operator API under /api: agents, the message log, the outbox. Bearer-token auth, JSON, 422 on bad input."""
from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import lifecycle
from bot.closing import Closure
from bot.fees import LedgerKind
from bot.states import EXCHANGE_MODES, OutboxStatus, ReferralMode
from inbound.deps import BOT_ENV, deps, error, json_response
from inbound.json_input import read_json_object
from store import agents, closing, conversation, inbound_email, ledger, links, outbox, referrals, validation
from store.inbound_email import InboundEmailStatus
from store.models import Agent, InboundEmail, Message, OutboxRow, Referral

routes = web.RouteTableDef()
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
API_OPERATOR = web.RequestKey("api_operator", dict[str, Any])  # an operator's own API token was given


@web.middleware
async def require_admin(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Everything under /api needs `Authorization: Bearer $ADMIN_TOKEN` (or an operator's API token)."""
    if request.path.startswith("/api/"):
        token = deps(request).settings.admin_token
        given = request.headers.get("Authorization", "")
        bootstrap = bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
        if not bootstrap and API_OPERATOR not in request:  # or an operator's token (inbound.console_api)
            return error(401, "missing or wrong bearer token", hint="Authorization: Bearer $ADMIN_TOKEN")
        unstorable = [key for key, value in request.query.items() if validation.CONTROL.search(key + value)]
        if unstorable:
            return json_response({"errors": {key: "no control characters (NUL, CR, LF) in a query parameter"
                                             for key in unstorable}}, 422)
    return await handler(request)


def int_param(request: web.Request, name: str) -> int | None:
    """An id from the path or the query: a whole number from 1 to `validation.MAX_ID` (what the INTEGER key
    holds), else 422, so a number past the column never reaches the database."""
    raw = request.match_info.get(name) or request.query.get(name)
    if raw is None or raw == "":
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 10 and 0 < int(raw) <= validation.MAX_ID):
        raise web.HTTPUnprocessableEntity(text=json.dumps({"errors": {name: validation.ID_RANGE}}),
                                          content_type="application/json")
    return int(raw)


def path_id(request: web.Request, name: str = "id") -> int:
    """`int_param` for an id in the route's path, which is never empty (aiohttp matches no empty segment)."""
    value = int_param(request, name)
    if value is None:
        raise web.HTTPNotFound()
    return value


# -- agents ------------------------------------------------------------------------------------
@routes.post("/api/agents")
async def create_agent(request: web.Request) -> web.Response:
    try:
        fields = validation.agent_input(await read_json_object(request))
    except validation.Invalid as exc:
        return json_response({"errors": exc.errors}, 422)
    d = deps(request)

    def work(session: Session) -> dict[str, Any]:
        return agents.agent_view(session, agents.create_agent(session, fields, now=d.clock.now()))
    try:
        return json_response(await d.store.run(work), 201)
    except agents.DuplicatePhone:
        return json_response({"errors": {"phone": "another agent has this phone number"}}, 422)


@routes.get("/api/agents")
async def list_agents(request: web.Request) -> web.Response:
    return json_response(await deps(request).store.run(
        lambda s: [agents.agent_view(s, a) for a in agents.list_agents(s)]))


@routes.get("/api/agents/{id}")
async def get_agent(request: web.Request) -> web.Response:
    agent_id = path_id(request)
    view = await deps(request).store.run(lambda s: _view_or_none(s, agent_id))
    return json_response(view) if view else error(404, "no such agent")


def _view_or_none(session: Session, agent_id: int | None) -> dict[str, Any] | None:
    agent = session.get(Agent, agent_id) if agent_id else None
    return agents.agent_view(session, agent) if agent else None


@routes.patch("/api/agents/{id}")
async def patch_agent(request: web.Request) -> web.Response:
    agent_id = path_id(request)
    try:
        fields = validation.agent_input(await read_json_object(request), partial=True)
    except validation.Invalid as exc:
        return json_response({"errors": exc.errors}, 422)
    d = deps(request)

    def work(session: Session) -> dict[str, Any] | None:
        agent = agents.update_agent(session, agent_id, fields, now=d.clock.now())
        return agents.agent_view(session, agent) if agent else None
    try:
        view = await d.store.run(work)
    except agents.DuplicatePhone:
        return json_response({"errors": {"phone": "another agent has this phone number"}}, 422)
    return json_response(view) if view else error(404, "no such agent")


@routes.get("/api/agents/{id}/ledger")
async def agent_ledger(request: web.Request) -> web.Response:
    """One agent's money events with the running balance (what they owe; 0 when paid in full)."""
    agent_id = path_id(request)
    query = ledger_query(request)

    def work(session: Session) -> dict[str, Any] | None:
        return ledger.ledger_view(session, agent_id, query) if session.get(Agent, agent_id) else None
    view = await deps(request).store.run(work)
    return json_response(view) if view else error(404, "no such agent")


@routes.get("/api/ledger")
async def network_ledger(request: web.Request) -> web.Response:
    """Every agent's money events, oldest first: `?agent_id=&kind=&since=&before=&limit=&cursor=`."""
    query = ledger_query(request)
    return json_response(await deps(request).store.run(lambda s: ledger.page(s, query)))


def ledger_query(request: web.Request) -> ledger.LedgerQuery:
    """The ledger filters; a bad one is a 422 naming the field."""
    errors: dict[str, str] = {}
    kind = request.query.get("kind")
    if kind and kind not in set(LedgerKind):
        errors["kind"] = f"one of {', '.join(LedgerKind)}"
    dates = {}
    for name in ("since", "before"):
        try:
            dates[name] = validation.iso_date(request.query.get(name) or None)
        except ValueError as exc:
            errors[name] = str(exc)
    limit = int_param(request, "limit")
    limit = 100 if limit is None else limit
    if not 1 <= limit <= ledger.MAX_PAGE:
        errors["limit"] = f"between 1 and {ledger.MAX_PAGE}"
    cursor = request.query.get("cursor") or "0"
    if not (cursor.isascii() and cursor.isdigit() and len(cursor) <= 18):
        errors["cursor"] = "the next_cursor of the previous page"
    if errors:
        raise web.HTTPUnprocessableEntity(text=json.dumps({"errors": errors}), content_type="application/json")
    return ledger.LedgerQuery(agent_id=int_param(request, "agent_id"), kind=LedgerKind(kind) if kind else None,
                              since=day_start(dates["since"]), before=day_start(dates["before"]),
                              after_id=int(cursor), limit=limit)


def day_start(day: date | None) -> datetime | None:
    return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None


# -- message log -------------------------------------------------------------------------------
MESSAGE_FILTERS = {"agent_id": Message.agent_id, "referral_id": Message.referral_id}


@routes.get("/api/messages")
async def list_messages(request: web.Request) -> web.Response:
    query = select(Message).order_by(Message.id)
    for name, column in MESSAGE_FILTERS.items():
        value = int_param(request, name)
        if value is not None:
            query = query.where(column == value)
    for name, text_column in (("channel", Message.channel), ("direction", Message.direction)):
        if request.query.get(name):
            query = query.where(text_column == request.query[name])
    return json_response(await deps(request).store.run(
        lambda s: [message_view(m) for m in s.scalars(query)]))


def message_view(m: Message) -> dict[str, Any]:
    return {"id": m.id, "direction": m.direction, "channel": m.channel, "to": m.to_addr, "from": m.from_addr,
            "reply_to": m.reply_to, "subject": m.subject, "body": m.body, "url": m.url, "status": m.status,
            "kind": m.kind, "provider_id": m.provider_id, "error": m.error, "referral_id": m.referral_id,
            "agent_id": m.agent_id, "created_at": m.created_at.isoformat()}


# -- outbox ------------------------------------------------------------------------------------
@routes.get("/api/outbox")
async def list_outbox(request: web.Request) -> web.Response:
    status = request.query.get("status")
    if status and status not in tuple(OutboxStatus):
        return json_response({"errors": {"status": "one of pending, sending, sent, dead"}}, 422)
    return json_response(await deps(request).store.run(
        lambda s: [outbox_view(r) for r in outbox.list_rows(s, status=status)]))


def outbox_view(r: OutboxRow) -> dict[str, Any]:
    return {"id": r.id, "channel": r.channel, "recipient": r.recipient, "status": r.status,
            "attempts": r.attempts, "max_attempts": r.max_attempts, "next_attempt_at": r.next_attempt_at,
            "last_error": r.last_error, "dedupe_key": r.dedupe_key, "provider_id": r.provider_id,
            "message_id": r.message_id, "created_at": r.created_at, "sent_at": r.sent_at}


@routes.post("/api/outbox/{id}/retry")
async def retry_outbox(request: web.Request) -> web.Response:
    row_id = path_id(request)
    d = deps(request)
    done = await d.store.run(lambda s: outbox.retry_dead(s, row_id, now=d.clock.now()))
    if not done:
        return error(409, "only a dead row can be retried (or no such row)")
    return json_response({"id": row_id, "status": "pending"})


# -- inbound emails ----------------------------------------------------------------------------
@routes.get("/api/inbound-emails")
async def list_inbound_emails(request: web.Request) -> web.Response:
    """Stored inbound emails, newest first; `?status=dead` is what the operator watches."""
    status = request.query.get("status")
    if status and status not in set(InboundEmailStatus):
        return json_response({"errors": {"status": "one of " + ", ".join(InboundEmailStatus)}}, 422)
    wanted = InboundEmailStatus(status) if status else None
    return json_response(await deps(request).store.run(
        lambda s: [inbound_email_view(r) for r in inbound_email.list_emails(s, status=wanted)]))


def inbound_email_view(row: InboundEmail) -> dict[str, Any]:
    """What the row is and why it stopped; never the raw message (it may carry a client's details)."""
    return {"id": row.id, "message_id": row.message_id, "mail_from": row.mail_from, "rcpt_to": row.rcpt_to,
            "size": len(row.raw), "status": row.status, "attempts": row.attempts, "outcome": row.outcome,
            "received_at": row.received_at, "processed_at": row.processed_at}


@routes.post("/api/inbound-emails/{id}/retry")
async def retry_inbound_email(request: web.Request) -> web.Response:
    email_id = path_id(request)
    if not await deps(request).store.run(lambda s: inbound_email.retry_dead(s, email_id)):
        return error(409, "only a dead email can be retried (or no such email)")
    return json_response({"id": email_id, "status": str(InboundEmailStatus.RECEIVED)})


# -- referrals ---------------------------------------------------------------------------------
@routes.post("/api/referrals")
async def create_referral(request: web.Request) -> web.Response:
    try:
        fields = validation.referral_input(await read_json_object(request))
    except validation.Invalid as exc:
        return json_response({"errors": exc.errors}, 422)
    d, env = deps(request), request.app[BOT_ENV]

    def work(session: Session) -> dict[str, Any]:
        now = d.clock.now()
        unknown = unknown_agents(session, fields)
        if unknown:
            return {"errors": unknown}
        referral = referrals.create_referral(session, fields, now=now)
        if fields.get("draft"):  # kept until sent, with the receivers chosen now
            referral.draft_receiver_ids, offered = fields.get("receiver_agent_ids"), 0
        else:
            offered = conversation.publish_or_refuse(session, referral, env, now=now,
                                                     receiver_ids=fields.get("receiver_agent_ids"))
        return {"id": referral.id, "code": referral.code, "status": referral.status, "offered": offered,
                **exchange_links(env, referral)}
    try:
        result = await d.store.run(work)
    except conversation.NoReceivers as exc:  # rolled back: nothing was created
        hint = {"hint": 'send "draft": true to keep it as a draft'} if fields["mode"] in EXCHANGE_MODES \
            else {}
        return json_response({"errors": {"receivers": exc.reason}, **hint}, 422)
    return json_response(result, 422 if "errors" in result else 201)


def unknown_agents(session: Session, fields: dict[str, Any]) -> dict[str, str]:
    """Senders and receivers named by id must be agents (the sender an active one)."""
    errors = {}
    sender = session.get(Agent, fields["sender_agent_id"]) if fields.get("sender_agent_id") else None
    if fields.get("sender_agent_id") and (sender is None or sender.status == "suspended"):
        errors["sender_agent_id"] = "no such active agent"
    wanted = set(fields.get("receiver_agent_ids") or [])
    found = set(session.scalars(select(Agent.id).where(Agent.id.in_(wanted)))) if wanted else set()
    if wanted - found:
        errors["receiver_agent_ids"] = f"no such agents: {sorted(wanted - found)}"
    return errors


def exchange_links(env: Any, referral: Referral) -> dict[str, str]:
    """An open referral's public share link (the summary only, never the client's details)."""
    if referral.mode != ReferralMode.OPEN:
        return {}
    return {"share_url": links.share_link(env, referral.id, referral.created_at)}


@routes.get("/api/referrals/{id}")
async def get_referral(request: web.Request) -> web.Response:
    referral_id = path_id(request)

    def work(session: Session) -> dict[str, Any] | None:
        referral = session.get(Referral, referral_id)
        if referral is None:
            return None
        return {**referrals.referral_view(session, referral), **exchange_links(request.app[BOT_ENV], referral)}
    view = await deps(request).store.run(work)
    return json_response(view) if view else error(404, "no such referral")


WITHDRAWN = (lifecycle.Status.LOST, lifecycle.Status.ARCHIVED)  # offers still waiting are closed, agents told


@routes.post("/api/referrals/{id}/status")
async def move_referral(request: web.Request) -> web.Response:
    """Move a referral along its life cycle as a role (`as`: sender, receiver or operator): forward only, and
    only the moves that role may make (Fee Sent by the receiver, Fee Received by the sender). A refused move
    is kept as a note when one was given."""
    referral_id, d = path_id(request), deps(request)
    body = await read_json_object(request)
    try:
        target, role = lifecycle.Status(body.get("status", "")), lifecycle.Role(body.get("as", "operator"))
    except ValueError:
        return json_response({"errors": {"status": "one of " + ", ".join(s.value for s in lifecycle.Status),
                                         "as": "sender, receiver or operator"}}, 422)
    note = str(body.get("note") or "")[:2000]

    def work(session: Session) -> tuple[int, dict[str, Any]]:
        referral = session.get(Referral, referral_id)
        if referral is None:
            return 404, {"error": "no such referral"}
        current = referral.status
        if not lifecycle.can_move(current, target, role) or role is lifecycle.Role.SYSTEM:
            if note:
                referrals.add_note(session, referral.id, None, "note", note, now=d.clock.now())
            return 409, {"error": f"{current} -> {target} is not allowed for the {role}", "status": current,
                         "note_kept": bool(note)}
        referrals.move(session, referral.id, current, target, now=d.clock.now())
        if target in WITHDRAWN:
            closing.close_offers(session, request.app[BOT_ENV], referral.id, Closure.CANCELLED, now=d.clock.now())
        if note:
            referrals.add_note(session, referral.id, None, "note", note, now=d.clock.now())
        return 200, {"id": referral.id, "status": str(target)}
    status, result = await d.store.run(work)
    return json_response(result, status)
